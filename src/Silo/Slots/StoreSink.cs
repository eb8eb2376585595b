using Silo.Stores;
using Silo.Telemetry;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;

namespace Silo.Slots;

/// <summary>
/// Records a trial into the store under its claim, each group of writes the trainer closes in one
/// transaction (<see cref="ITrialSink.Commit"/>), its last group together with its end. Once the
/// claim is taken over, every commit throws and the trainer stops.
/// </summary>
public sealed class StoreSink(ITrialRecorder store, TrialClaim claim) : ITrialSink
{
    private TrialWrites pending = new();

    /// <inheritdoc />
    public void OnMetrics(MetricRecord record) => pending.Metrics.Add(record);

    /// <inheritdoc />
    public void OnArtifact(TrialArtifact artifact) => pending.Artifacts.Add(artifact);

    /// <inheritdoc />
    public void OnEvaluation(QualityReport report) => pending.Evaluation = report;

    /// <summary>Records, with the writes still open, how far the trial trained.</summary>
    public void Reached(TrialProgress progress) => pending.Progress = progress;

    /// <inheritdoc />
    public void Commit() => Store("commit-start", "commit-end");

    /// <summary>Stores the writes still open together with the claim's end, in one transaction.</summary>
    /// <exception cref="StoreException">The claim was taken over (<see cref="StoreErrorCode.LostClaim"/>); nothing was written.</exception>
    public void End(TrialEnd end)
    {
        pending.End = end;
        Store("end-start", "end-end");
    }

    /// <summary>Stores the open group, if any, between the dispatch trace's marks <paramref name="started"/> and <paramref name="stored"/>.</summary>
    private void Store(string started, string stored)
    {
        if (pending.IsEmpty)
            return;
        // Taken first: writes that failed are not tried again with the next group.
        var writes = pending;
        pending = new TrialWrites();
        DispatchTrace.Mark(claim.TrialId, started);
        store.Record(claim, writes);
        DispatchTrace.Mark(claim.TrialId, stored);
    }
}
