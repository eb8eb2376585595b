using Gan.Core.Evaluation;

namespace Gan.Core.Metrics;

/// <summary>Keeps everything a trial records in memory.</summary>
public sealed class MemorySink : ITrialSink
{
    /// <summary>Every metric record, in order.</summary>
    public List<MetricRecord> Metrics { get; } = [];

    /// <summary>Every artifact, in order.</summary>
    public List<TrialArtifact> Artifacts { get; } = [];

    /// <summary>The evaluation, once made.</summary>
    public QualityReport? Evaluation { get; private set; }

    /// <inheritdoc />
    public void OnMetrics(MetricRecord record) => Metrics.Add(record);

    /// <inheritdoc />
    public void OnArtifact(TrialArtifact artifact) => Artifacts.Add(artifact);

    /// <summary>At each commit, how many metric records and artifacts had been written: where the trainer closed its groups of writes.</summary>
    public List<(int Metrics, int Artifacts)> Commits { get; } = [];

    /// <inheritdoc />
    public void OnEvaluation(QualityReport report) => Evaluation = report;

    /// <inheritdoc />
    public void Commit() => Commits.Add((Metrics.Count, Artifacts.Count));
}
