using Gan.Core.Checkpoints;
using Gan.Core.Metrics;
using static TorchSharp.torch;

namespace Gan.Core.Training;

public sealed partial class Trainer
{
    /// <summary>What a checkpoint must agree with the trial on, or the tensors would not fit.</summary>
    private string Fingerprint =>
        FormattableString.Invariant($"{options.Dataset}|{options.Arch}|{options.Width}|{options.EffectiveLatentSize}|{options.BatchSize}|{options.Optimizer}|{options.DSteps}");

    /// <summary>
    /// The trial's whole state as bytes: both networks, both optimizers, the step, the random
    /// state (the CPU default generator's, which dropout and initialisation draw from; the
    /// noise generator's; the data order's), the position in the epoch, the health history and
    /// the metric sums since the last record (a hand-back checkpoint falls between two records),
    /// and the average of G's weights if the trial keeps one.
    /// </summary>
    public byte[] Checkpoint()
    {
        using var writer = new CheckpointWriter();
        using var defaultRng = random.get_rng_state();
        using var noiseRng = noise.get_state();
        using var hostNoiseRng = noiseRng.cpu();
        using var metricSums = accumulator.Sums();
        writer.Write(CheckpointEntries.Generator, networks.Generator).Write(CheckpointEntries.Discriminator, networks.Discriminator)
            .Write("trial/rng", defaultRng).Write("trial/noise_rng", hostNoiseRng).Write(MetricSumsEntry, metricSums)
            .WriteJson("trial/state", new TrialState(Fingerprint, step, (long)flags, [.. fakeScoreHistory], Finite(bestBalance), Finite(bestQuickFid), bestStep, accumulator.Steps));
        trainingStep.Write(writer);
        average?.Write(writer);
        sampler.Save(writer);
        return writer.ToArray();
    }

    /// <summary>The sampled generator's weights alone (the average's, when there is one), in the checkpoint format, so that whatever samples a checkpoint samples these too.</summary>
    public byte[] GeneratorWeights()
    {
        using var writer = new CheckpointWriter();
        writer.Write(CheckpointEntries.Generator, Sampled);
        return writer.ToArray();
    }

    private void WriteCheckpoint() =>
        sink.OnArtifact(new TrialArtifact(ArtifactKind.Checkpoint, sampler.Epoch, step, Checkpoint()));

    private void Restore(byte[] checkpoint)
    {
        using var reader = CheckpointReader.FromBytes(checkpoint);
        var state = reader.ReadJson<TrialState>("trial/state");
        if (state.Fingerprint != Fingerprint)
            throw new GanException(GanErrorCode.IncompatibleCheckpoint,
                $"The checkpoint was made by another configuration ({state.Fingerprint}) than this trial's ({Fingerprint}).");
        networks.Generator.Read(reader, CheckpointEntries.Generator);
        networks.Discriminator.Read(reader, CheckpointEntries.Discriminator);
        trainingStep.Read(reader);
        average?.Read(reader);
        (step, flags, bestBalance) = (state.Step, (HealthFlags)state.Flags, state.BestBalance ?? double.PositiveInfinity);
        (bestQuickFid, bestStep) = (state.BestQuickFid ?? double.PositiveInfinity, state.BestStep ?? 0);
        using (var defaultRng = reader.ReadTensor("trial/rng"))
            random.set_rng_state(defaultRng);
        using (var noiseRng = reader.ReadTensor("trial/noise_rng"))
        using (var onDevice = noiseRng.to(noise.device))
            noise.set_state(onDevice);
        fakeScoreHistory.Clear();
        fakeScoreHistory.AddRange(state.FakeScoreHistory);
        // Checkpoints written before the sums were kept start the window afresh, as they always did.
        if (state.RecordedSteps is { } recorded && reader.Has(MetricSumsEntry))
        {
            using var sums = reader.ReadTensor(MetricSumsEntry);
            accumulator.Restore(sums, recorded);
        }
        sampler.Restore(reader);
    }

    private const string MetricSumsEntry = "trial/metric_sums";

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    /// <summary>The trial's own counters in a checkpoint; what older checkpoints lack reads as null.</summary>
    /// <remarks><c>RecordedSteps</c>: the steps whose metrics the sums hold, since the last record.</remarks>
    private sealed record TrialState(string Fingerprint, long Step, long Flags, double[] FakeScoreHistory, double? BestBalance, double? BestQuickFid = null, long? BestStep = null, int? RecordedSteps = null);
}
