using Torch;
using Torch.Modules;
using Torch.Serialization;


namespace Gan.Core.Models;

/// <summary>The GAN architectures by name, after the classic tutorials.</summary>
public static class Architectures
{
    /// <summary>The PyTorch tutorial's MLP: D 784→256→256→1 (LeakyReLU 0.2), G latent→256→256→784 (ReLU, Tanh).</summary>
    public const string Mlp = "mlp";

    /// <summary>The TensorFlow tutorial's MLP: 128 hidden units and LeakyReLU 0.2 in both networks.</summary>
    public const string Mlp128 = "mlp-128";

    /// <summary>The Keras tutorial's DCGAN (a GPU architecture: 0.18 steps/s on a 2-core CPU).</summary>
    public const string Dcgan = "dcgan";

    /// <summary>The Keras DCGAN with every layer's width scaled by the width option (¼ by default).</summary>
    public const string DcganSmall = "dcgan-small";

    /// <summary>Every architecture name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Mlp, Mlp128, Dcgan, DcganSmall];

    /// <summary>The latent size an architecture's tutorial used.</summary>
    public static int DefaultLatentSize(string name) => name == Mlp ? 64 : 100;

    /// <summary>The generator saved in a trial checkpoint, on <paramref name="device"/>, in evaluation mode.</summary>
    /// <exception cref="GanException">The checkpoint does not hold a generator of this architecture.</exception>
    public static Module LoadGenerator(string name, int latentSize, double width, byte[] checkpoint, Device device)
    {
        var pair = Create(name, latentSize, width);
        pair.Discriminator.Dispose();
        try
        {
            using var reader = ArchiveReader.FromBytes(checkpoint);
            reader.Read("g", pair.Generator);
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or TorchException)
        {
            pair.Generator.Dispose();
            throw new GanException(GanErrorCode.IncompatibleCheckpoint, $"The checkpoint holds no {name} generator with latent size {latentSize}: {e.Message}");
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
            _ => throw new GanException(GanErrorCode.UnknownName, $"Unknown architecture '{name}': use one of {string.Join(", ", Names)}."),
        };
    }
}
