using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>
/// A generator and its discriminator. G maps latent vectors [N, latent] to samples (images
/// [N, 1, 28, 28] in [−1, 1], or toy values [N, 1]); D maps samples to one logit each, [N, 1].
/// </summary>
public sealed class GanPair(GanNetwork generator, GanNetwork discriminator, int latentSize) : IDisposable
{
    /// <summary>The generator.</summary>
    public GanNetwork Generator { get; } = generator;

    /// <summary>The discriminator.</summary>
    public GanNetwork Discriminator { get; } = discriminator;

    /// <summary>The length of G's input vectors.</summary>
    public int LatentSize { get; } = latentSize;

    /// <summary>Frees both networks.</summary>
    public void Dispose()
    {
        Generator.Dispose();
        Discriminator.Dispose();
    }
}
