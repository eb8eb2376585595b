using Silo.Stores;
using Silo.Telemetry;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;

namespace Silo.Slots;

/// <summary>Records a trial into the store under its claim; once the claim is taken over, every write throws and the trainer stops.</summary>
public sealed class StoreSink(ITrialRecorder store, TrialClaim claim) : ITrialSink
{
    /// <inheritdoc />
    public void OnMetrics(MetricRecord record) => Traced("metrics", () => store.AddMetrics(claim, record));

    /// <inheritdoc />
    public void OnArtifact(TrialArtifact artifact) => Traced(artifact.Kind.ToString(), () => store.AddArtifact(claim, artifact));

    /// <inheritdoc />
    public void OnEvaluation(QualityReport report) => Traced("evaluation", () => store.SetEvaluation(claim, report));

    private void Traced(string write, Action action)
    {
        if (!DispatchTrace.On)
        {
            action();
            return;
        }
        DispatchTrace.Mark(claim.TrialId, write + "-start");
        action();
        DispatchTrace.Mark(claim.TrialId, write + "-end");
    }
}
