using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>
/// The tutorials' fully connected GAN, with libtorch's default initialisation: G latent → hidden
/// → hidden → pixels (Tanh), D pixels → hidden → hidden → 1 (LeakyReLU 0.2). It learns images of
/// any shape, its first and last layers sized by the dataset's.
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
        nn.Module<Tensor, Tensor> Activation() => leakyGenerator ? nn.LeakyReLU(0.2) : nn.ReLU();
        var generator = nn.Sequential(
            nn.Linear(latentSize, hidden), Activation(),
            nn.Linear(hidden, hidden), Activation(),
            nn.Linear(hidden, shape.Size), nn.Tanh(),
            nn.Unflatten(1, shape.Dimensions));
        var discriminator = nn.Sequential(
            nn.Flatten(),
            nn.Linear(shape.Size, hidden), nn.LeakyReLU(0.2),
            nn.Linear(hidden, hidden), nn.LeakyReLU(0.2),
            nn.Linear(hidden, 1));
        return new GanPair(generator, discriminator, latentSize);
    }
}
