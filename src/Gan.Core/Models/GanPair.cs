using Torch.Modules;

namespace Gan.Core.Models;

/// <summary>
/// A generator and its discriminator. G maps latent vectors [N, latent] to images
/// [N, 1, 28, 28] in [−1, 1]; D maps images to one logit each, [N, 1].
/// </summary>
public sealed class GanPair(Module generator, Module discriminator, int latentSize) : IDisposable
{
    /// <summary>The generator.</summary>
    public Module Generator { get; } = generator;

    /// <summary>The discriminator.</summary>
    public Module Discriminator { get; } = discriminator;

    /// <summary>The length of G's input vectors.</summary>
    public int LatentSize { get; } = latentSize;

    /// <summary>Frees both networks.</summary>
    public void Dispose()
    {
        Generator.Dispose();
        Discriminator.Dispose();
    }
}
