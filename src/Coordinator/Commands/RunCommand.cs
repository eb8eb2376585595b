using Gan.Core.Training;
using System.CommandLine;
using Coordinator.Cli;
using Silo.Stores;
using Coordinator.Sweeps;
using Gan.Core.Evaluation;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep run</c>.</summary>
/// <param name="Store">Where the sweeps are stored.</param>
/// <param name="File">The sweep file.</param>
/// <param name="Name">A name for this run of the sweep instead of the file's.</param>
/// <param name="Local">The workers to train on.</param>
public sealed record RunSettings(StoreLocation Store, string File, string? Name, LocalWorkers Local) : NewSweepSettings(Store, Name, Local);

/// <summary><c>sweep run FILE</c>: validates a sweep file, stores its trials, runs them on local workers and prints the results table.</summary>
public sealed class RunCommand() : SweepCommand<RunSettings>("run", "Run a sweep file: validate it, store its trials, train them on local workers, print the ranked results.")
{
    private readonly Argument<string> file = new("file") { Description = "The sweep file (YAML), e.g. sweeps/lr-grid.yaml." };
    private readonly StoreOptions store = new();
    private readonly Option<string?> name = new("--name") { Description = "Store the sweep under this name instead of the file's 'name'." };
    private readonly LocalWorkerOptions local = new();

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [file, .. store.Symbols, name, .. local.Symbols];

    /// <inheritdoc />
    public override RunSettings Bind(ParseResult parse) => new(File: parse.GetValue(file)!, Store: store.Bind(parse), Name: parse.GetValue(name), Local: local.Bind(parse));

    /// <inheritdoc />
    public override int Execute(RunSettings settings, CommandContext context)
    {
        var sweep = SweepFileParser.Load(settings.File);
        foreach (var notice in sweep.Notices)
            context.Out.WriteLine($"Note: {notice}");
        if (settings.Name is not null)
            sweep = sweep with { Name = settings.Name };
        var trials = sweep.Trials;
        var plan = SweepExecution.Plan(settings.Local);
        using var resources = new EvaluationResources(Classifier.DefaultCacheDirectory, context.Out.WriteLine, context.Cancellation);
        // Checked before the sweep is stored: a bad dataset or device must not leave a stored
        // sweep behind whose name then blocks the corrected run.
        SweepExecution.CheckInputs(trials, resources, settings.File);
        using var store = SweepStoreFactory.Open(settings.Store);
        if (store.FindSweep(sweep.Name) is not null)
            throw new UserInputException($"A sweep named '{sweep.Name}' is already in {settings.Store}. See it with 'sweep show {sweep.Name}', continue it with 'sweep resume {sweep.Name}', or run again under another --name.");
        store.CreateSweep(sweep.ToNewSweep(), trials);
        context.Out.WriteLine($"Sweep {sweep.Name}: {sweep.Method.Describe(sweep.Space, trials.Count)}, ranked by {sweep.Metric.Name}; stored in {TerminalText.Clean(settings.Store.Display)}.");
        return SweepExecution.Run(store, settings.Store, sweep.Name, plan, resources, context);
    }
}
