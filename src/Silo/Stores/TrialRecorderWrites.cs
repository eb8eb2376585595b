using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;
using Silo.Trials;

namespace Silo.Stores;

/// <summary>A trainer's writes one at a time, each its own transaction (<see cref="ITrialRecorder.Record"/>).</summary>
public static class TrialRecorderWrites
{
    /// <summary>Records one metric record; writing the same trial, step and name again replaces it.</summary>
    /// <exception cref="StoreException">The claim was taken over (<see cref="StoreErrorCode.LostClaim"/>); nothing was written.</exception>
    public static void AddMetrics(this ITrialRecorder store, TrialClaim claim, MetricRecord record) =>
        store.Record(claim, new TrialWrites { Metrics = { record } });

    /// <summary>Stores a sample grid (one per epoch), or the trial's checkpoint or a generator (only the latest of each is kept).</summary>
    /// <exception cref="StoreException">The claim was taken over (<see cref="StoreErrorCode.LostClaim"/>); nothing was written.</exception>
    public static void AddArtifact(this ITrialRecorder store, TrialClaim claim, TrialArtifact artifact) =>
        store.Record(claim, new TrialWrites { Artifacts = { artifact } });

    /// <summary>Stores the trial's evaluation, replacing any earlier one.</summary>
    /// <exception cref="StoreException">The claim was taken over (<see cref="StoreErrorCode.LostClaim"/>); nothing was written.</exception>
    public static void SetEvaluation(this ITrialRecorder store, TrialClaim claim, QualityReport report) =>
        store.Record(claim, new TrialWrites { Evaluation = report });

    /// <summary>
    /// Ends a claim with the trial's final state; false if the claim is no longer the trial's
    /// current one. A trial that ended for good drops its checkpoint, unless <paramref name="keepCheckpoint"/>:
    /// a population member's stretch, which the next one starts from.
    /// </summary>
    public static bool Finish(this ITrialRecorder store, TrialClaim claim, string status, HealthFlags flags, string? error, bool keepCheckpoint = false)
    {
        try
        {
            store.Record(claim, new TrialWrites { End = new TrialEnd(status, flags, error, keepCheckpoint) });
            return true;
        }
        catch (StoreException e) when (e.Code == StoreErrorCode.LostClaim)
        {
            return false;
        }
    }
}
