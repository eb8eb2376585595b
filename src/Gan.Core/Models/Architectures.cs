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

    /// <summary>Every architecture name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Mlp, Mlp128, Dcgan, DcganSmall, Toy];

    /// <summary>The latent size an architecture's tutorial used.</summary>
    public static int DefaultLatentSize(string name) => name switch
    {
        Mlp => 64,
        Toy => 1,
        _ => 100,
    };

    /// <summary>The generator saved in a trial checkpoint, on <paramref name="device"/>, in evaluation mode.</summary>
    /// <exception cref="GanException">The checkpoint does not hold a generator of this architecture.</exception>
    public static nn.Module<Tensor, Tensor> LoadGenerator(string name, int latentSize, double width, byte[] checkpoint, Device device)
    {
        // A damaged or outdated archive says so itself; only a generator that does not fit is named here.
        using var reader = CheckpointReader.FromBytes(checkpoint);
        var pair = Create(name, latentSize, width);
        pair.Discriminator.Dispose();
        try
        {
            reader.Read(CheckpointEntries.Generator, pair.Generator);
        }
        catch (GanException e)
        {
            pair.Generator.Dispose();
            throw new GanException(GanErrorCode.IncompatibleCheckpoint, $"The checkpoint holds no {name} generator with latent size {latentSize}. {e.Message}");
        }
        pair.Generator.to(device).eval();
        return pair.Generator;
    }

    /// <summary>Builds a fresh, initialised pair on the CPU.</summary>
    /// <exception cref="GanException">Unknown name, or a width that leaves no channels.</exception>
    public static GanPair Create(string name, int latentSize, double width)
    {
        return name switch
        {
            Mlp => new GanPair(MlpNetworks.Generator(latentSize, 256, leakyGenerator: false), MlpNetworks.Discriminator(256), latentSize),
            Mlp128 => new GanPair(MlpNetworks.Generator(latentSize, 128, leakyGenerator: true), MlpNetworks.Discriminator(128), latentSize),
            Dcgan => DcganNetworks.Create(latentSize, 1.0),
            DcganSmall => DcganNetworks.Create(latentSize, width),
            Toy => ToyNetworks.Create(latentSize),
            _ => throw new GanException(GanErrorCode.UnknownName, $"Unknown architecture '{name}': use one of {string.Join(", ", Names)}."),
        };
    }
}
