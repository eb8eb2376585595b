using Gan.Core.Imaging;
using static TorchSharp.torch;

namespace Gan.Core.Data;

/// <summary>
/// The toy lab's data: 1-D samples from N(mean, std²), N(10, 1) by default, drawn from a fixed
/// seed, so that every trial sees the same data, as with an image dataset. It also scores a generator the lab's way: the 1-D Wasserstein
/// distance between generated and fresh real samples, and the errors of their mean and std.
/// </summary>
public sealed class GaussianSet : ITrainingSet
{
    /// <inheritdoc />
    public Models.SampleShape Shape => Models.SampleShape.Value;

    /// <summary>Training samples.</summary>
    public const int TrainCount = 10_000;

    /// <summary>Samples on each side of the quality measurement.</summary>
    public const int ScoredCount = 10_000;

    private const ulong TrainSeed = 0x5EED_0005;
    private const ulong HeldOutSeed = 0x5EED_0006;

    /// <summary>The distribution N(<paramref name="mean"/>, <paramref name="std"/>²).</summary>
    public GaussianSet(double mean, double std)
    {
        if (!double.IsFinite(mean) || !(std > 0) || !double.IsFinite(std))
            throw new GanException(GanErrorCode.InvalidOption, $"gaussian data needs a finite mean and a positive, finite std; got mean {mean}, std {std}.");
        Mean = mean;
        Std = std;
    }

    /// <summary>The mean of the real data.</summary>
    public double Mean { get; }

    /// <summary>The standard deviation of the real data.</summary>
    public double Std { get; }

    /// <inheritdoc />
    public int Count => TrainCount;

    /// <summary>The training samples [N, 1].</summary>
    public Tensor ToTensor(Device device) => Draw(TrainCount, TrainSeed, device);

    /// <inheritdoc />
    public BatchSampler Batches(int batchSize, ulong seed, Device device) => new(ToTensor(device), batchSize, seed);

    /// <summary>Histograms of generated samples against the real density.</summary>
    public byte[] Picture(Tensor generated) => Histogram.ToPng(generated, Mean, Std);

    /// <summary>The lab's quality scores for generated samples [N, 1]: W1, |mean error|, |std error|.</summary>
    public (double Wasserstein, double MeanError, double StdError) Score(Tensor generated)
    {
        using var scope = NewDisposeScope();
        var fake = generated.detach().to(float64).flatten().cpu();
        var real = Draw(fake.shape[0], HeldOutSeed, CPU).to(float64).flatten();
        // Between two equal-sized samples, W1 pairs the sorted values.
        var wasserstein = (fake.sort().Values - real.sort().Values).abs().mean().item<double>();
        return (wasserstein, Math.Abs(fake.mean().item<double>() - Mean), Math.Abs(fake.std().item<double>() - Std));
    }

    private Tensor Draw(long count, ulong drawSeed, Device device)
    {
        using var generator = new Generator(drawSeed, CPU);
        using var standard = randn([count, 1], generator: generator);
        using var scaled = standard * Std + Mean;
        return scaled.to(float32).to(device);
    }
}
