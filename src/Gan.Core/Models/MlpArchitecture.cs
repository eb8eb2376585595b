namespace Gan.Core.Models;

/// <summary>
/// The tutorials' fully connected GAN (<see cref="MlpGenerator"/>, <see cref="MlpDiscriminator"/>),
/// with libtorch's default initialisation. It learns images of any shape, its first and last
/// layers sized by the dataset's.
/// </summary>
/// <param name="name">The arch name.</param>
/// <param name="hidden">Units in each hidden layer.</param>
/// <param name="leakyGenerator">LeakyReLU 0.2 in G (the TensorFlow tutorial) rather than ReLU (PyTorch's).</param>
/// <param name="defaultLatentSize">The tutorial's latent size.</param>
public sealed class MlpArchitecture(string name, int hidden, bool leakyGenerator, int defaultLatentSize) : IArchitecture
{
    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public int DefaultLatentSize => defaultLatentSize;

    /// <inheritdoc />
    public string SupportedShapes => "images of any size";

    /// <inheritdoc />
    public bool Supports(SampleShape shape) => shape.IsImage;

    /// <inheritdoc />
    public GanPair Create(int latentSize, double width, SampleShape shape)
    {
        // G first: libtorch's initialisation draws from one generator, so the order fixes a seeded run's weights.
        var generator = new MlpGenerator(latentSize, hidden, shape, leakyGenerator);
        return new GanPair(generator, new MlpDiscriminator(hidden, shape), latentSize);
    }
}
