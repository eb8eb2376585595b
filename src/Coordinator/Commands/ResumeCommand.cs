using Gan.Core.Training;
using System.CommandLine;
using Coordinator.Cli;
using Silo.Grains;
using Silo.Slots;
using Silo.Stores;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep resume</c>.</summary>
/// <param name="Sweep">The sweep's name.</param>
/// <param name="Store">Where the sweeps are stored.</param>
/// <param name="Local">The workers to train on.</param>
/// <param name="Failed">Also retry failed trials, from their checkpoints.</param>
/// <param name="Diverged">Also retry diverged trials, from the start.</param>
/// <param name="FromStart">Retried failed trials restart from step 0 instead of their checkpoint, losing their records.</param>
public sealed record ResumeSettings(string Sweep, StoreLocation Store, LocalWorkers Local, bool Failed, bool Diverged, bool FromStart) : StoredSweepSettings(Sweep, Store)
{
    /// <inheritdoc />
    public override IEnumerable<string> Validate() =>
        Local.Problems().Concat(FromStart && !Failed ? ["--from-start applies to the failed trials that --failed retries: give --failed too."] : []);
}

/// <summary><c>sweep resume SWEEP</c>: continues interrupted trials from their checkpoints; completed trials are never rerun.</summary>
public sealed class ResumeCommand() : SweepCommand<ResumeSettings>("resume", "Continue a sweep: interrupted trials (and those whose worker died) resume from their checkpoints, queued ones start; completed ones are left alone.")
{
    private readonly Argument<string> sweep = new("sweep") { Description = "The sweep's name (see 'sweep ls')." };
    private readonly StoreOptions store = new();
    private readonly LocalWorkerOptions local = new();
    private readonly Option<bool> failed = new("--failed") { Description = "Also retry failed trials (a full disk, a crash), from their last checkpoint." };
    private readonly Option<bool> diverged = new("--diverged") { Description = "Also retry diverged trials, from the start." };
    private readonly Option<bool> fromStart = new("--from-start") { Description = "With --failed: retry failed trials from step 0, discarding their records (for a checkpoint this version cannot read)." };

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [sweep, .. store.Symbols, .. local.Symbols, failed, diverged, fromStart];

    /// <inheritdoc />
    public override ResumeSettings Bind(ParseResult parse) => new(
        Sweep: parse.GetValue(sweep)!,
        Store: store.Bind(parse),
        Local: local.Bind(parse),
        Failed: parse.GetValue(failed),
        Diverged: parse.GetValue(diverged),
        FromStart: parse.GetValue(fromStart));

    /// <inheritdoc />
    public override int Execute(ResumeSettings settings, CommandContext context)
    {
        var plan = SweepExecution.Plan(settings.Local);
        using var store = SweepStoreFactory.OpenExisting(settings.Store);
        SweepLookup.Require(store, settings.Sweep, settings.Store);
        var retry = new List<string>();
        if (settings.Failed)
            retry.Add(TrialStates.Failed);
        if (settings.Diverged)
            retry.Add(TrialStates.Diverged);
        // Inputs are checked before any trial changes state, so a refusal leaves the store as it was.
        using var resources = new EvaluationResources(Classifier.DefaultCacheDirectory, context.Out.WriteLine, context.Cancellation);
        var trials = store.Trials(settings.Sweep);
        SweepExecution.CheckInputs(trials.Where(t => t.Status is TrialStates.Queued or TrialStates.Running or TrialStates.Interrupted || retry.Contains(t.Status)).Select(t => t.Config),
            resources, $"sweep {settings.Sweep}");
        // A trial still marked running whose worker process is gone (killed, or its `sweep run`
        // killed) resumes now, without waiting for its lease to run out.
        foreach (var orphan in trials.Where(t => t.Status == TrialStates.Running && t.Worker is { } w && SlotWorkerId.IsGone(w)))
            TrialAttempts.HandBackLost(store, orphan.Claim!, TrialAttempts.DiedReason("worker process"));
        store.Requeue(settings.Sweep, retry, settings.FromStart);
        // Trials handed back before this command (a worker's own hand-back) are queued already;
        // every queued trial with a checkpoint goes on from it, however it got back in the queue.
        var queued = store.Trials(settings.Sweep, TrialStates.Queued);
        var resumed = queued.Where(t => t.Step > 0).Count(t => store.ArtifactEpochs(t.Id, ArtifactKind.Checkpoint).Count > 0);
        context.Out.WriteLine($"Sweep {settings.Sweep}: {queued.Count} trial{(queued.Count == 1 ? "" : "s")} to run" +
                              (resumed > 0 ? $", {resumed} of them from {(resumed == 1 ? "its checkpoint" : "their checkpoints")}." : "."));
        return SweepExecution.Run(store, settings.Store, settings.Sweep, plan, resources, context);
    }
}
