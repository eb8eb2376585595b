using Gan.Core.Evaluation;

namespace Gan.Core.Metrics;

/// <summary>What a trial records, and where it goes: a sweep's trials write to the store through Silo's <c>StoreSink</c>; <c>sweep train</c> writes JSON lines, and tests keep records in memory.</summary>
public interface ITrialSink
{
    /// <summary>One logging interval's metrics.</summary>
    void OnMetrics(MetricRecord record);

    /// <summary>A sample grid (PNG), a checkpoint or generator weights, at the end of an epoch or of the trial.</summary>
    void OnArtifact(TrialArtifact artifact);

    /// <summary>The final quality scores.</summary>
    void OnEvaluation(QualityReport report);

    /// <summary>
    /// Closes a group of writes that belong together: a step's records, sample grid and checkpoint.
    /// A sink may hold writes until then and store each group at once. The trainer leaves the last
    /// group open (the last step's records, the final weights, the evaluation) for whoever runs it
    /// to close together with the trial's end; a sink that writes at once ignores this.
    /// </summary>
    void Commit()
    {
    }
}

/// <summary>The kinds of artifact a trial writes.</summary>
public enum ArtifactKind
{
    /// <summary>A 10×10 PNG grid of samples from fixed noise.</summary>
    SampleGrid,
    /// <summary>A checkpoint to resume from: both networks, both optimizers, the step and the RNG state.</summary>
    Checkpoint,
    /// <summary>The generator weights of the step whose D outputs were closest to 0.5 (one per trial, replaced when a better one comes).</summary>
    BestGenerator,
    /// <summary>The final generator weights, written once training reaches its last step: all a finished trial needs to be sampled.</summary>
    Generator,
}

/// <summary>One artifact's bytes, with when it was made.</summary>
public sealed record TrialArtifact(ArtifactKind Kind, long Epoch, long Step, byte[] Bytes);
