using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;
using Silo.Trials;

namespace Silo.Stores;

/// <summary>
/// What a trainer writes while it holds a trial's claim: heartbeats, metrics, artifacts, its
/// evaluation and its end. Every write names the claim, which fences it: once the trial has been
/// claimed again, writes of the earlier claim are refused, so a worker that stalled past its lease
/// cannot overwrite the new attempt. Writes are idempotent, so a retried trial never duplicates rows.
/// </summary>
public interface ITrialRecorder
{
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

    /// <summary>
    /// Ends a claim with the trial's final state; false if the claim is no longer the trial's
    /// current one. A trial that ended for good drops its checkpoint, unless <paramref name="keepCheckpoint"/>:
    /// a population member's stretch, which the next one starts from.
    /// </summary>
    bool Finish(TrialClaim claim, string status, HealthFlags flags, string? error, bool keepCheckpoint = false);
}
