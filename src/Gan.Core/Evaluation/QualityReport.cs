namespace Gan.Core.Evaluation;

/// <summary>How good a generator's samples are, measured against the held-out real images.</summary>
/// <param name="Fid">Fréchet distance in the classifier's feature space (lower is better).</param>
/// <param name="Coverage">Classes holding at least 2% of the samples.</param>
/// <param name="LargestClassShare">The share of samples in the most frequent class.</param>
/// <param name="ClassifierScore">exp(E[KL(p(y|x) ‖ p(y))]), the analogue of the Inception Score (higher is better, at most the class count).</param>
/// <param name="ClassCounts">Samples per predicted class.</param>
/// <param name="Samples">How many samples were scored.</param>
/// <param name="ModeCollapse">Coverage fell under <see cref="QualityReport.CoverageThreshold"/> of the classes.</param>
public sealed record QualityReport(double Fid, int Coverage, double LargestClassShare, double ClassifierScore, int[] ClassCounts, int Samples, bool ModeCollapse)
{
    /// <summary>A class counts as covered with at least this share of the samples.</summary>
    public const double CoveredShare = 0.02;

    /// <summary>Mode collapse is flagged when fewer than this fraction of the classes are covered.</summary>
    public const double CoverageThreshold = 0.8;

    /// <summary>The training step of the generator that was scored, when a trainer says so.</summary>
    public long? Step { get; init; }
}
