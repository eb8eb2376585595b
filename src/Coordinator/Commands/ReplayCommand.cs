using System.CommandLine;
using Coordinator.Cli;
using Coordinator.Results;
using Coordinator.Sweeps;
using Gan.Core.Evaluation;
using Gan.Core.Training;
using Silo.Search;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep replay</c>.</summary>
/// <param name="Store">Where the sweeps are stored.</param>
/// <param name="Id">The pbt trial whose schedule is trained again.</param>
/// <param name="Name">The new sweep's name; by default SWEEP-replay-ID.</param>
/// <param name="Local">The workers to train on.</param>
public sealed record ReplaySettings(StoreLocation Store, long Id, string? Name, LocalWorkers Local) : NewSweepSettings(Store, Name, Local);

/// <summary>
/// <c>sweep replay ID</c>: trains a pbt trial's schedule again as a sweep of its own: the stretches
/// its weights trained, with the options each had, one after the other from scratch, each from the
/// last one's checkpoint. The last stretch reproduces the trial's generator, so its schedule can
/// be checked, or trained on another seed.
/// </summary>
public sealed class ReplayCommand() : SweepCommand<ReplaySettings>("replay", "Train a pbt trial's hyperparameter schedule again, from scratch, as a new sweep: its stretches in order, each from the last one's checkpoint.")
{
    private readonly Argument<long> id = new("id") { Description = "The pbt trial whose schedule to train (first column of 'sweep show'; 'sweep trial ID' shows the schedule)." };
    private readonly StoreOptions store = new();
    private readonly Option<string?> name = new("--name") { Description = "The new sweep's name (default: SWEEP-replay-ID)." };
    private readonly LocalWorkerOptions local = new();

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [id, .. store.Symbols, name, .. local.Symbols];

    /// <inheritdoc />
    public override ReplaySettings Bind(ParseResult parse) => new(store.Bind(parse), parse.GetValue(id), parse.GetValue(name), local.Bind(parse));

    /// <inheritdoc />
    public override int Execute(ReplaySettings settings, CommandContext context)
    {
        var plan = SweepExecution.Plan(settings.Local);
        using var store = SweepStoreFactory.OpenExisting(settings.Store);
        var trial = store.Trial(settings.Id)
            ?? throw new StoreException(StoreErrorCode.NotFound, $"No trial {settings.Id} in {settings.Store}. Trial ids are the first column of 'sweep show'.");
        var source = store.FindSweep(trial.Sweep)!;
        if (SweepSearch.SpaceOf(source) is not { Population: not null })
            throw new UserInputException($"Trial {trial.Id} of sweep {trial.Sweep} trained with one set of options from step 0, so there is no schedule to replay; 'sweep trial {trial.Id}' lists its options, and 'sweep train' trains them.");
        var schedule = PopulationLineage.Chain(store, trial).Select(t => t.Config).ToList();
        var space = new SearchSpace(new Dictionary<string, object>(), [], Seed: 0, RunCap: schedule.Count) { Method = ScheduleReplay.MethodName, Schedule = schedule };
        var sweepName = settings.Name ?? $"{trial.Sweep}-replay-{trial.Id}";
        using var resources = new EvaluationResources(Classifier.DefaultCacheDirectory, context.Out.WriteLine, context.Cancellation);
        SweepExecution.CheckInputs(schedule, resources, $"trial {trial.Id}");
        if (store.FindSweep(sweepName) is not null)
            throw new UserInputException($"A sweep named '{sweepName}' is already in {settings.Store}. See it with 'sweep show {sweepName}', continue it with 'sweep resume {sweepName}', or replay under another --name.");
        var text = $"# sweep replay {trial.Id}: the schedule of trial {trial.Id} of sweep {trial.Sweep}, {schedule.Count} stretches to step {schedule[^1].Options.Steps}\n";
        store.CreateSweep(new NewSweep(sweepName, text, source.Metric, source.Minimize) { Search = space.ToJson() }, space.SearchMethod.InitialTrials(space));
        context.Out.WriteLine($"Sweep {sweepName}: {space.SearchMethod.Describe(space, 1)}, the schedule of trial {trial.Id} of {trial.Sweep}; stored in {TerminalText.Clean(settings.Store.Display)}.");
        return SweepExecution.Run(store, settings.Store, sweepName, plan, resources, context);
    }
}
