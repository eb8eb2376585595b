using Gan.Core.Checkpoints;
using Gan.Core.Models;
using static TorchSharp.torch;

namespace Gan.Core.Training;

/// <summary>
/// An exponential moving average of G's weights (<see cref="TrainerOptions.EmaDecay"/>), as
/// progressive GANs, BigGAN and StyleGAN keep one: a GAN's weights circle around a good point
/// as G and D chase each other, and their average samples better than any one of them. The
/// average is a network of its own that the trial samples, scores and exports; training never
/// reads it.
/// </summary>
/// <remarks>
/// The decay at update n is min(decay, (1 + n) / (10 + n)), as TensorFlow's
/// ExponentialMovingAverage does with its number of updates: a fixed 0.999 would carry the random
/// initial weights for thousands of steps, longer than many trials train. Batch norm's running
/// statistics are not averaged but copied from G before each use (StyleGAN does the same).
/// </remarks>
public sealed class GeneratorAverage : IDisposable
{
    private const string Entry = "trial/generator_average";
    private readonly double decay;
    private readonly GanNetwork generator;
    private readonly Tensor generatorValues;
    private readonly GanNetwork network;
    private readonly FlatParameters average;

    /// <summary>Starts the average at <paramref name="generator"/>'s weights.</summary>
    /// <param name="decay">The longest-run decay, in (0, 1).</param>
    /// <param name="generator">The generator being trained.</param>
    /// <param name="generatorValues">Its parameters, end to end, in its order (<see cref="FlatParameters.Values"/>).</param>
    /// <param name="copy">A second network of the generator's architecture, on its device; it becomes the average, which owns it.</param>
    public GeneratorAverage(double decay, GanNetwork generator, Tensor generatorValues, GanNetwork copy)
    {
        this.decay = decay;
        this.generator = generator;
        this.generatorValues = generatorValues;
        network = copy;
        average = new FlatParameters(copy);
        average.RequireGradients = false;
        Reset();
    }

    /// <summary>The averaged generator, given G's batch-norm statistics as they are now, in evaluation mode.</summary>
    public GanNetwork Network
    {
        get
        {
            generator.CopyBuffersInto(network);
            network.eval();
            return network;
        }
    }

    /// <summary>Moves the average towards G's weights after G's update number <paramref name="updates"/> (counted from 0).</summary>
    public void Update(long updates)
    {
        var kept = Math.Min(decay, (1.0 + updates) / (10.0 + updates));
        using var noGrad = no_grad();
        average.Values.mul_(kept).add_(generatorValues, alpha: 1 - kept);
    }

    /// <summary>Writes the average into a checkpoint.</summary>
    public void Write(CheckpointWriter writer) => writer.Write(Entry, average.Values);

    /// <summary>Reads the average a checkpoint holds; one written without it starts the average at G's restored weights.</summary>
    public void Read(CheckpointReader reader)
    {
        if (!reader.Has(Entry))
        {
            Reset();
            return;
        }
        using var stored = reader.ReadTensor(Entry);
        if (!stored.shape.SequenceEqual(average.Values.shape))
            throw new GanException(GanErrorCode.IncompatibleCheckpoint,
                $"The checkpoint's generator average has {stored.numel()} weights, not this generator's {average.Values.numel()}.");
        using var noGrad = no_grad();
        average.Values.copy_(stored);
    }

    private void Reset()
    {
        using var noGrad = no_grad();
        average.Values.copy_(generatorValues);
    }

    /// <summary>Frees the averaged network and its buffer.</summary>
    public void Dispose()
    {
        average.Dispose();
        network.Dispose();
    }
}
