using Silo.Trials;

namespace Silo.Stores;

/// <summary>
/// What a trainer writes while it holds a trial's claim: heartbeats, then metrics, artifacts, its
/// evaluation and its end, in groups committed together (<see cref="TrialWrites"/>; one write at a
/// time through <see cref="TrialRecorderWrites"/>). Every write names the claim, which fences it:
/// once the trial has been claimed again, writes of the earlier claim are refused, so a worker that
/// stalled past its lease cannot overwrite the new attempt. Writes are idempotent, so a retried
/// trial never duplicates rows.
/// </summary>
public interface ITrialRecorder
{
    /// <summary>Extends the lease; false if the claim is no longer the trial's current one.</summary>
    bool Heartbeat(TrialClaim claim, TimeSpan lease, long step, long totalSteps);

    /// <summary>
    /// Stores <paramref name="writes"/> in one transaction: all of them or, if anything fails, none.
    /// Weights files are written ahead of their rows; files the rows replace or an end drops are
    /// deleted once it commits.
    /// </summary>
    /// <exception cref="StoreException">The claim was taken over (<see cref="StoreErrorCode.LostClaim"/>); nothing was written.</exception>
    void Record(TrialClaim claim, TrialWrites writes);
}
