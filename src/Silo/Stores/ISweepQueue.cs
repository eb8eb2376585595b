using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;
using Silo.Trials;

namespace Silo.Stores;

/// <summary>
/// What runs a sweep asks of a store: sweeps and their queue of trials, which sweeps are active,
/// and claiming a trial for a worker with a lease (and handing it back). The scheduler, the sweep
/// grains and the commands that start or continue sweeps use it.
/// </summary>
public interface ISweepQueue
{
    /// <summary>Stores a sweep and its queued trials in one transaction.</summary>
    /// <exception cref="StoreException">A sweep by that name exists (<see cref="StoreErrorCode.Conflict"/>).</exception>
    StoredSweep CreateSweep(NewSweep sweep, IReadOnlyList<TrialConfig> trials);

    /// <summary>
    /// Queues one more trial of a sweep, after its last or at <paramref name="index"/>: how a
    /// Bayesian sweep grows as slots free up, and a population's next stretch starts from
    /// <paramref name="parent"/>'s checkpoint, at the place its member and stretch give it.
    /// </summary>
    /// <exception cref="StoreException">No sweep by that name (<see cref="StoreErrorCode.NotFound"/>).</exception>
    TrialRecord AddTrial(string sweep, TrialConfig config, long? parent = null, int? index = null);

    /// <summary>Deletes the checkpoints that ended <paramref name="trials"/> kept for the trials that start from them, once none will.</summary>
    void DropCheckpoints(IReadOnlyCollection<long> trials);

    /// <summary>Marks a sweep as running on the cluster, or not: the scheduler hands out trials only of active sweeps.</summary>
    void SetActive(string sweep, bool active);

    /// <summary>The names of the active sweeps, oldest first.</summary>
    IReadOnlyList<string> ActiveSweeps();

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
}
