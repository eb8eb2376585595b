namespace Gan.Core.Models;

/// <summary>
/// One GAN architecture: its name, the latent size its tutorial used, the sample shapes it can
/// learn, and how it builds a fresh pair of networks for a dataset's shape. A new architecture is
/// a class of this and one line in <see cref="Architectures.All"/>.
/// </summary>
public interface IArchitecture
{
    /// <summary>The name the arch option takes.</summary>
    string Name { get; }

    /// <summary>The latent size used when the latent_size option is not given.</summary>
    int DefaultLatentSize { get; }

    /// <summary>The shapes it learns, as messages state them ("28×28 images").</summary>
    string SupportedShapes { get; }

    /// <summary>Whether it can learn samples of <paramref name="shape"/>.</summary>
    bool Supports(SampleShape shape);

    /// <summary>Builds a fresh, initialised pair on the CPU for samples of <paramref name="shape"/>.</summary>
    /// <exception cref="GanException">A width that leaves no channels, or a shape it does not support.</exception>
    GanPair Create(int latentSize, double width, SampleShape shape);
}
