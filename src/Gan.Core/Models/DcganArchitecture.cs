using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>
/// The Keras tutorial's DCGAN (<see cref="DcganGenerator"/>, <see cref="DcganDiscriminator"/>).
/// Widths scale by <c>width</c> (dcgan-small) or not at all (dcgan); weights are
/// Glorot-initialised as in the tutorial. Its two upsamplings from 7×7 fix it to 28×28 grey images.
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
    public string SupportedShapes => SampleShape.Grey28.ToString();

    /// <inheritdoc />
    public bool Supports(SampleShape shape) => shape == SampleShape.Grey28;

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

        var (c32, c64, c128, c256, c512) = (Scaled(32), Scaled(64), Scaled(128), Scaled(256), Scaled(512));
        // G first: libtorch's initialisation draws from one generator, so the order fixes a seeded run's weights.
        var generator = new DcganGenerator(latentSize, c32, c64, c128, c256);
        var discriminator = new DcganDiscriminator(c64, c128, c256, c512);
        Initialise(generator, normal: true);
        Initialise(discriminator, normal: false);
        return new GanPair(generator, discriminator, latentSize);
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
