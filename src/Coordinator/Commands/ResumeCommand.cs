using System.CommandLine;
using Coordinator.Cli;
using Coordinator.Store;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep resume</c>.</summary>
public sealed class ResumeSettings : CommandSettings
{
    /// <summary>The sweep's name.</summary>
    public required string Sweep { get; init; }

    /// <summary>The database.</summary>
    public required string Database { get; init; }

    /// <summary>Worker processes, if not the default.</summary>
    public int? Workers { get; init; }

    /// <summary>Threads per worker, if not the default.</summary>
    public int? Threads { get; init; }

    /// <inheritdoc />
    public override IEnumerable<string> Validate() => WorkerPlanSettings.Validate(Workers, Threads);
}

/// <summary><c>sweep resume SWEEP</c>: continues interrupted trials from their checkpoints; completed trials are never rerun.</summary>
public sealed class ResumeCommand : SweepCommand<ResumeSettings>
{
    private readonly Argument<string> sweep = new("sweep") { Description = "The sweep's name (see 'sweep ls')." };
    private readonly Option<string?> database = CommonOptions.Database();
    private readonly Option<int?> workers = CommonOptions.Workers();
    private readonly Option<int?> threads = CommonOptions.Threads();

    /// <inheritdoc />
    public override string Name => "resume";

    /// <inheritdoc />
    public override string Description => "Continue a sweep: interrupted trials resume from their checkpoints, queued ones start; completed ones are left alone.";

    /// <inheritdoc />
    public override void Define(Command command)
    {
        command.Arguments.Add(sweep);
        foreach (var option in new Option[] { database, workers, threads })
            command.Options.Add(option);
    }

    /// <inheritdoc />
    public override ResumeSettings Bind(ParseResult parse) => new()
    {
        Sweep = parse.GetValue(sweep)!,
        Database = SqliteSweepStore.ResolvePath(parse.GetValue(database)),
        Workers = parse.GetValue(workers),
        Threads = parse.GetValue(threads),
    };

    /// <inheritdoc />
    public override int Execute(ResumeSettings settings, CommandContext context)
    {
        using var store = SqliteSweepStore.OpenExisting(settings.Database);
        if (store.FindSweep(settings.Sweep) is null)
            throw new StoreException(StoreErrorCode.NotFound, $"No sweep named '{settings.Sweep}' in {settings.Database}. 'sweep ls' lists them.");
        var requeued = store.Requeue(settings.Sweep);
        var queued = store.Trials(settings.Sweep).Count(t => t.Status == TrialStates.Queued);
        context.Out.WriteLine($"Sweep {settings.Sweep}: {requeued} trial{(requeued == 1 ? "" : "s")} to resume, {queued} queued in all.");
        return SweepExecution.Run(store, settings.Database, settings.Sweep, SweepExecution.Plan(settings.Workers, settings.Threads), context);
    }
}
