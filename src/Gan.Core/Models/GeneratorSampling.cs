using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>Runs a generator on latent vectors drawn in batches, so that memory stays bounded however many samples are asked for.</summary>
public static class GeneratorSampling
{
    /// <summary>Latent vectors per batch.</summary>
    public const int BatchSize = 500;

    /// <summary>
    /// Calls <paramref name="each"/> with the index of each batch's first sample and its generated
    /// images, in order. Each batch lives in its own dispose scope: move it to the outer scope to keep it.
    /// </summary>
    /// <param name="generator">The generator network.</param>
    /// <param name="count">How many samples in all.</param>
    /// <param name="latentSize">The generator's latent size.</param>
    /// <param name="noise">The random generator the latent vectors are drawn from, in sample order.</param>
    /// <param name="device">Where the latent vectors are made.</param>
    /// <param name="each">Receives each batch.</param>
    public static void InBatches(nn.Module<Tensor, Tensor> generator, int count, int latentSize, Generator noise, Device device, Action<int, Tensor> each)
    {
        for (var start = 0; start < count; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            each(start, generator.forward(randn([Math.Min(BatchSize, count - start), latentSize], device: device, generator: noise)));
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="generator"/> in evaluation mode, without
    /// gradients and in a dispose scope of its own, with latent vectors to be drawn from a
    /// generator seeded with <paramref name="seed"/>; the generator's mode is restored after.
    /// </summary>
    public static T Scored<T>(nn.Module<Tensor, Tensor> generator, ulong seed, Device device, Func<Generator, T> work)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var noise = new Generator(seed, device);
        var wasTraining = generator.training;
        generator.eval();
        try
        {
            return work(noise);
        }
        finally
        {
            generator.train(wasTraining);
        }
    }
}
