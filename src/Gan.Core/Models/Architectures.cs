using Gan.Core.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>The GAN architectures by name, after the classic tutorials.</summary>
public static class Architectures
{
    /// <summary>The PyTorch tutorial's MLP: D 784→256→256→1 (LeakyReLU 0.2), G latent→256→256→784 (ReLU, Tanh).</summary>
    public const string Mlp = "mlp";

    /// <summary>The TensorFlow tutorial's MLP: 128 hidden units and LeakyReLU 0.2 in both networks.</summary>
    public const string Mlp128 = "mlp-128";

    /// <summary>The Keras tutorial's DCGAN (a GPU architecture: about 0.5 steps/s on one CPU core, BENCHMARKS.md).</summary>
    public const string Dcgan = "dcgan";

    /// <summary>The Keras DCGAN with every layer's width scaled by the width option (¼ by default).</summary>
    public const string DcganSmall = "dcgan-small";

    /// <summary>The toy lab's networks for 1-D data (the gaussian dataset): a small dense G, and D one dense layer.</summary>
    public const string Toy = "toy";

    /// <summary>Every architecture, declared once.</summary>
    public static IReadOnlyList<IArchitecture> All { get; } =
    [
        new MlpArchitecture(Mlp, hidden: 256, leakyGenerator: false, defaultLatentSize: 64),
        new MlpArchitecture(Mlp128, hidden: 128, leakyGenerator: true, defaultLatentSize: 100),
        new DcganArchitecture(Dcgan, scaled: false),
        new DcganArchitecture(DcganSmall, scaled: true),
        new ToyArchitecture(),
    ];

    /// <summary>Every architecture name.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(a => a.Name)];

    /// <summary>The architecture named <paramref name="name"/>, or null.</summary>
    public static IArchitecture? Find(string name) => All.FirstOrDefault(a => a.Name == name);

    /// <summary>The architecture named <paramref name="name"/>.</summary>
    /// <exception cref="GanException">No architecture has that name.</exception>
    public static IArchitecture Get(string name) =>
        Find(name) ?? throw new GanException(GanErrorCode.UnknownName, $"Unknown architecture '{name}': use one of {string.Join(", ", Names)}.");

    /// <summary>The latent size an architecture's tutorial used.</summary>
    public static int DefaultLatentSize(string name) => Get(name).DefaultLatentSize;

    /// <summary>The generator saved in a trial checkpoint, for samples of <paramref name="shape"/>, on <paramref name="device"/>, in evaluation mode.</summary>
    /// <exception cref="GanException">The checkpoint does not hold a generator of this architecture.</exception>
    public static nn.Module<Tensor, Tensor> LoadGenerator(string name, int latentSize, double width, SampleShape shape, byte[] checkpoint, Device device)
    {
        // A damaged or outdated archive says so itself; only a generator that does not fit is named here.
        using var reader = CheckpointReader.FromBytes(checkpoint);
        var pair = Create(name, latentSize, width, shape);
        pair.Discriminator.Dispose();
        try
        {
            pair.Generator.Read(reader, CheckpointEntries.Generator);
        }
        catch (GanException e)
        {
            pair.Generator.Dispose();
            throw new GanException(GanErrorCode.IncompatibleCheckpoint, $"The checkpoint holds no {name} generator with latent size {latentSize}. {e.Message}");
        }
        pair.Generator.to(device).eval();
        return pair.Generator;
    }

    /// <summary>Builds a fresh, initialised pair on the CPU for samples of <paramref name="shape"/>.</summary>
    /// <exception cref="GanException">Unknown name, a width that leaves no channels, or a shape the architecture does not learn.</exception>
    public static GanPair Create(string name, int latentSize, double width, SampleShape shape) => Get(name).Create(latentSize, width, shape);
}
