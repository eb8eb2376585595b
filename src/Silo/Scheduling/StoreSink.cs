using Silo.Stores;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;

namespace Silo.Scheduling;

/// <summary>Records a trial into the store.</summary>
public sealed class StoreSink(ISweepStore store, long trialId) : ITrialSink
{
    /// <inheritdoc />
    public void OnMetrics(MetricRecord record) => store.AddMetrics(trialId, record);

    /// <inheritdoc />
    public void OnArtifact(TrialArtifact artifact) => store.AddArtifact(trialId, artifact);

    /// <inheritdoc />
    public void OnEvaluation(QualityReport report) => store.SetEvaluation(trialId, report);
}
