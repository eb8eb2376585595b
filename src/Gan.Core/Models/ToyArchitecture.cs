namespace Gan.Core.Models;

/// <summary>
/// The toy lab's networks for 1-D data: <see cref="ToyGenerator"/> and <see cref="ToyDiscriminator"/>.
/// </summary>
public sealed class ToyArchitecture : IArchitecture
{
    /// <inheritdoc />
    public string Name => Architectures.Toy;

    /// <inheritdoc />
    public int DefaultLatentSize => 1;

    /// <inheritdoc />
    public string SupportedShapes => SampleShape.Value.ToString();

    /// <inheritdoc />
    public bool Supports(SampleShape shape) => shape == SampleShape.Value;

    /// <inheritdoc />
    public GanPair Create(int latentSize, double width, SampleShape shape)
    {
        // G first: libtorch's initialisation draws from one generator, so the order fixes a seeded run's weights.
        var generator = new ToyGenerator(latentSize);
        return new GanPair(generator, new ToyDiscriminator(), latentSize);
    }
}
