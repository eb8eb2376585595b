using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;
using Silo.Trials;

namespace Silo.Stores;

/// <summary>
/// Where sweeps, trials and everything trials record live. Shaped for several workers on other
/// machines: a worker claims a trial with a lease and keeps it with heartbeats. Every write names
/// its claim, which fences it: once a trial has been claimed again, writes of the earlier claim
/// are refused, so a worker that stalled past its lease cannot overwrite the new attempt. Writes
/// are idempotent, so a trial retried after a lost lease never duplicates or loses rows.
/// </summary>
public interface ISweepStore : IDisposable
{
    /// <summary>Stores a sweep and its queued trials in one transaction.</summary>
    /// <exception cref="StoreException">A sweep by that name exists (<see cref="StoreErrorCode.Conflict"/>).</exception>
    StoredSweep CreateSweep(NewSweep sweep, IReadOnlyList<TrialConfig> trials);

    /// <summary>Queues one more trial of a sweep, after its last: how a Bayesian sweep grows as slots free up.</summary>
    /// <exception cref="StoreException">No sweep by that name (<see cref="StoreErrorCode.NotFound"/>).</exception>
    TrialRecord AddTrial(string sweep, TrialConfig config);

    /// <summary>The sweep by name, or null.</summary>
    StoredSweep? FindSweep(string name);

    /// <summary>Every sweep, newest first, with its counts by state.</summary>
    IReadOnlyList<SweepSummary> ListSweeps();

    /// <summary>Marks a sweep as running on the cluster, or not: the scheduler hands out trials only of active sweeps.</summary>
    void SetActive(string sweep, bool active);

    /// <summary>The names of the active sweeps, oldest first.</summary>
    IReadOnlyList<string> ActiveSweeps();

    /// <summary>A sweep's trials, by index.</summary>
    IReadOnlyList<TrialRecord> Trials(string sweep);

    /// <summary>A sweep's trials in one state, by index: what the scheduler watches (the running ones) without reading a large sweep whole.</summary>
    IReadOnlyList<TrialRecord> Trials(string sweep, string status);

    /// <summary>How many of a sweep's trials are in each state, counted by the database; empty for a sweep without trials.</summary>
    IReadOnlyDictionary<string, int> TrialCounts(string sweep);

    /// <summary>A trial by id, or null.</summary>
    TrialRecord? Trial(long id);

    /// <summary>
    /// Claims the sweep's next queued trial (or one whose lease ran out) for <paramref name="worker"/>,
    /// or returns null when none is left.
    /// </summary>
    TrialRecord? Claim(string sweep, string worker, TimeSpan lease);

    /// <summary>
    /// The running trial claimed under <paramref name="worker"/>, or null: how the scheduler finds
    /// a claim it made whose reply never reached the worker, to send it again.
    /// </summary>
    TrialRecord? HeldBy(string worker);

    /// <summary>Extends the lease; false if the claim is no longer the trial's current one.</summary>
    bool Heartbeat(TrialClaim claim, TimeSpan lease, long step, long totalSteps);

    /// <summary>Records one metric record; writing the same trial, step and name again replaces it.</summary>
    /// <exception cref="StoreException">The claim was taken over (<see cref="StoreErrorCode.LostClaim"/>); nothing was written.</exception>
    void AddMetrics(TrialClaim claim, MetricRecord record);

    /// <summary>Stores a sample grid (one per epoch) or the trial's checkpoint (only the latest is kept).</summary>
    /// <exception cref="StoreException">The claim was taken over (<see cref="StoreErrorCode.LostClaim"/>); nothing was written.</exception>
    void AddArtifact(TrialClaim claim, TrialArtifact artifact);

    /// <summary>Stores the trial's evaluation, replacing any earlier one.</summary>
    /// <exception cref="StoreException">The claim was taken over (<see cref="StoreErrorCode.LostClaim"/>); nothing was written.</exception>
    void SetEvaluation(TrialClaim claim, QualityReport report);

    /// <summary>Ends a claim with the trial's final state; false if the claim is no longer the trial's current one.</summary>
    bool Finish(TrialClaim claim, string status, HealthFlags flags, string? error);

    /// <summary>
    /// Puts a sweep's interrupted trials, running ones whose lease ran out, and trials in the
    /// <paramref name="retry"/> states (failed, diverged) back in the queue; returns how many.
    /// Failed trials resume from their checkpoint, unless <paramref name="fromStart"/>; diverged
    /// ones always restart from nothing. A trial that restarts loses its old records.
    /// </summary>
    int Requeue(string sweep, IReadOnlyCollection<string> retry, bool fromStart = false);

    /// <summary>Ends every queued trial of the sweep as stopped, with <paramref name="reason"/> (a target reached, a budget spent); returns how many.</summary>
    int StopQueued(string sweep, string reason);

    /// <summary>
    /// Hands back a running trial whose worker died: queued again to resume from its checkpoint,
    /// or failed with <paramref name="reason"/> once it has been claimed <paramref name="maxAttempts"/> times.
    /// False if the claim is no longer the trial's current one.
    /// </summary>
    bool Release(TrialClaim claim, int maxAttempts, string reason);

    /// <summary>A trial's metrics: step → name → value.</summary>
    IReadOnlyList<MetricRecord> Metrics(long trialId);

    /// <summary>A trial's last metric record, or null if it has none yet.</summary>
    MetricRecord? LatestMetrics(long trialId);

    /// <summary>The last metric record of each of a sweep's trials that has one, by trial id: one query for a whole table.</summary>
    IReadOnlyDictionary<long, MetricRecord> LatestMetrics(string sweep);

    /// <summary>
    /// The value of metric <paramref name="name"/> at <paramref name="step"/> for each of the
    /// sweep's trials that recorded one, by trial id: what early stopping compares a trial with.
    /// </summary>
    IReadOnlyDictionary<long, double> MetricAt(string sweep, string name, long step);

    /// <summary>A trial's evaluation, or null.</summary>
    StoredEvaluation? Evaluation(long trialId);

    /// <summary>The evaluations of a sweep's trials, by trial id.</summary>
    IReadOnlyDictionary<long, StoredEvaluation> Evaluations(string sweep);

    /// <summary>An artifact's bytes: the given epoch's, or the latest; null if none.</summary>
    TrialArtifact? Artifact(long trialId, ArtifactKind kind, long? epoch = null);

    /// <summary>The epochs a trial holds an artifact of <paramref name="kind"/> for, in order: a report's film strip asks which grids exist before it reads them.</summary>
    IReadOnlyList<long> ArtifactEpochs(long trialId, ArtifactKind kind);
}
