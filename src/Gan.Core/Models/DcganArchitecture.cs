using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>
/// The DCGAN. On 28×28 grey images it is the Keras tutorial's (<see cref="DcganGenerator"/>,
/// <see cref="DcganDiscriminator"/>; Glorot-initialised as there), so MNIST results stay as
/// they were. At other sides (powers of two from 16 to 256) and on colour it is the DCGAN
/// paper's networks as PyTorch's tutorial writes them (<see cref="TorchDcganGenerator"/>,
/// <see cref="TorchDcganDiscriminator"/>; ngf = ndf = 64; weights from N(0, 0.02), BatchNorm
/// scales from N(1, 0.02), as there). Widths scale by <c>width</c> (dcgan-small) or not at all (dcgan).
/// </summary>
/// <param name="name">The arch name.</param>
/// <param name="scaled">Whether the width option scales its layers.</param>
public sealed class DcganArchitecture(string name, bool scaled) : IArchitecture
{
    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public int DefaultLatentSize => 100;

    /// <inheritdoc />
    public string SupportedShapes => $"{SampleShape.Grey28}, or square images of side 16, 32, 64, 128 or 256 with 1 or 3 channels";

    /// <inheritdoc />
    public bool Supports(SampleShape shape) =>
        shape == SampleShape.Grey28 || (shape.Channels is 1 or 3 && shape.Height == shape.Width && shape.Height is 16 or 32 or 64 or 128 or 256);

    /// <inheritdoc />
    public GanPair Create(int latentSize, double width, SampleShape shape)
    {
        if (!Supports(shape))
            throw new GanException(GanErrorCode.InvalidOption, $"{name} learns {SupportedShapes}, not {shape}.");
        width = scaled ? width : 1.0;
        long Scaled(int channels)
        {
            var scaled = (long)Math.Round(channels * width);
            return scaled >= 1
                ? scaled
                : throw new GanException(GanErrorCode.InvalidOption, $"width {width} leaves no channels in a {channels}-channel layer.");
        }

        if (shape != SampleShape.Grey28)
        {
            var g = new TorchDcganGenerator(latentSize, Scaled(64), shape.Channels, shape.Height);
            var d = new TorchDcganDiscriminator(Scaled(64), shape.Channels, shape.Height);
            InitialiseAsTutorial(g);
            InitialiseAsTutorial(d);
            return new GanPair(g, d, latentSize);
        }
        var (c32, c64, c128, c256, c512) = (Scaled(32), Scaled(64), Scaled(128), Scaled(256), Scaled(512));
        // G first: libtorch's initialisation draws from one generator, so the order fixes a seeded run's weights.
        var generator = new DcganGenerator(latentSize, c32, c64, c128, c256);
        var discriminator = new DcganDiscriminator(c64, c128, c256, c512);
        Initialise(generator, normal: true);
        Initialise(discriminator, normal: false);
        return new GanPair(generator, discriminator, latentSize);
    }

    // PyTorch's DCGAN tutorial's weights_init: convolutions N(0, 0.02); BatchNorm scale N(1, 0.02), shift 0.
    private static void InitialiseAsTutorial(nn.Module network)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in network.named_parameters())
        {
            if (name.EndsWith("bias", StringComparison.Ordinal))
                nn.init.zeros_(parameter);
            else if (parameter.dim() == 1)
                nn.init.normal_(parameter, 1.0, 0.02);
            else
                nn.init.normal_(parameter, 0.0, 0.02);
        }
    }

    private static void Initialise(nn.Module network, bool normal)
    {
        foreach (var (name, parameter) in network.named_parameters())
        {
            var isBatchNorm = parameter.dim() == 1 && !name.EndsWith("bias", StringComparison.Ordinal);
            if (name.EndsWith("bias", StringComparison.Ordinal))
                nn.init.zeros_(parameter);
            else if (isBatchNorm)
                nn.init.ones_(parameter);
            else if (normal)
                nn.init.xavier_normal_(parameter);
            else
                nn.init.xavier_uniform_(parameter);
        }
    }
}
