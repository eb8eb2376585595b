using Gan.Core.Evaluation;
using Gan.Core.Metrics;

namespace Gan.Core.Training;

/// <summary>How a trial ended.</summary>
public enum TrialStatus
{
    /// <summary>Trained every step and was evaluated.</summary>
    Completed,
    /// <summary>A loss or a weight became NaN or infinite, or a loss exceeded 10⁴; training stopped.</summary>
    Diverged,
    /// <summary>Cancelled; a checkpoint was written to resume from.</summary>
    Interrupted,
    /// <summary>Ended early by the sweep's early-termination rules; scored like a completed trial.</summary>
    Stopped,
}

/// <summary>Warnings about a trial's health.</summary>
[Flags]
public enum HealthFlags
{
    /// <summary>Nothing to report.</summary>
    None = 0,
    /// <summary>A loss or a weight became NaN or infinite, or a loss exceeded 10⁴.</summary>
    Diverged = 1,
    /// <summary>Mean D(G(z)) stayed below 0.02 for the last several intervals: D wins outright and G gets no signal.</summary>
    DOverpowers = 2,
    /// <summary>The samples cover too few classes.</summary>
    ModeCollapse = 4,
}

/// <summary>The outcome of one trial.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Step">The last step trained (for a diverged trial, where the divergence was seen).</param>
/// <param name="Epoch">The epoch of that step.</param>
/// <param name="Flags">Health warnings.</param>
/// <param name="FinalMetrics">The last metric record, if any.</param>
/// <param name="Evaluation">The quality scores, for a completed trial that was evaluated.</param>
/// <param name="Message">What happened, for a trial that did not complete.</param>
public sealed record TrialResult(TrialStatus Status, long Step, long Epoch, HealthFlags Flags, MetricRecord? FinalMetrics, QualityReport? Evaluation, string? Message)
{
    /// <summary>The scores recorded as metrics at the end (precision, recall, density and coverage; the toy lab's); empty when it was not evaluated.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>();
}
