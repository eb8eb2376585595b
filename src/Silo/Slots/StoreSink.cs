using Silo.Stores;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;

namespace Silo.Slots;

/// <summary>Records a trial into the store under its claim; once the claim is taken over, every write throws and the trainer stops.</summary>
public sealed class StoreSink(ITrialRecorder store, TrialClaim claim) : ITrialSink
{
    /// <inheritdoc />
    public void OnMetrics(MetricRecord record) => store.AddMetrics(claim, record);

    /// <inheritdoc />
    public void OnArtifact(TrialArtifact artifact) => store.AddArtifact(claim, artifact);

    /// <inheritdoc />
    public void OnEvaluation(QualityReport report) => store.SetEvaluation(claim, report);
}
