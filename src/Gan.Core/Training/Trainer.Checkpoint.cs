using System.Text;
using Gan.Core.Metrics;
using Torch;
using Torch.Serialization;

namespace Gan.Core.Training;

public sealed partial class Trainer
{
    /// <summary>What a checkpoint must agree with the trial on, or the tensors would not fit.</summary>
    private string Fingerprint =>
        FormattableString.Invariant($"{options.Dataset}|{options.Arch}|{options.Width}|{options.EffectiveLatentSize}|{options.BatchSize}|{options.Optimizer}|{options.DSteps}");

    /// <summary>
    /// The trial's whole state as bytes: both networks, both optimizers, the step, the random
    /// state (the default generator's and the data order's), the position in the epoch and the
    /// health history.
    /// </summary>
    public byte[] Checkpoint()
    {
        using var writer = new ArchiveWriter();
        using var stepTensor = torch.tensor(new[] { step, (long)flags });
        using var defaultGenerator = Torch.Generator.Default();
        using var rng = defaultGenerator.get_state();
        using var history = torch.tensor(fakeScoreHistory.ToArray());
        using var fingerprint = torch.tensor(Encoding.UTF8.GetBytes(Fingerprint));
        writer.Write("g", networks.Generator).Write("d", networks.Discriminator)
            .Write("opt_g", optimizerG).Write("opt_d", optimizerD)
            .Write("trial/step", stepTensor).Write("trial/rng", rng).Write("trial/fingerprint", fingerprint);
        if (fakeScoreHistory.Count > 0)
            writer.Write("trial/fake_score_history", history);
        sampler.Save(writer);
        return writer.ToArray();
    }

    private void WriteCheckpoint() =>
        sink.OnArtifact(new TrialArtifact(ArtifactKind.Checkpoint, sampler.Epoch, step, Checkpoint()));

    private void Restore(byte[] checkpoint)
    {
        using var reader = ArchiveReader.FromBytes(checkpoint, Device);
        using (var fingerprint = reader.TryRead("trial/fingerprint"))
        {
            var saved = fingerprint is null ? "(none)" : Encoding.UTF8.GetString(fingerprint.cpu().data<byte>());
            if (saved != Fingerprint)
                throw new GanException(GanErrorCode.IncompatibleCheckpoint,
                    $"The checkpoint was made by another configuration ({saved}) than this trial's ({Fingerprint}).");
        }
        reader.Read("g", networks.Generator);
        reader.Read("d", networks.Discriminator);
        reader.Read("opt_g", optimizerG);
        reader.Read("opt_d", optimizerD);
        using (var stepTensor = reader.Read("trial/step"))
        {
            var values = stepTensor.cpu().data<long>();
            (step, flags) = (values[0], (HealthFlags)values[1]);
        }
        using (var rng = reader.Read("trial/rng"))
        using (var defaultGenerator = Torch.Generator.Default())
        using (var hostRng = rng.cpu())
            defaultGenerator.set_state(hostRng);
        fakeScoreHistory.Clear();
        using (var history = reader.TryRead("trial/fake_score_history"))
            if (history is not null)
                fakeScoreHistory.AddRange(history.cpu().data<double>());
        sampler.Restore(reader);
    }
}
