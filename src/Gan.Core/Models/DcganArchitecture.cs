using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>
/// The Keras tutorial's DCGAN. D: conv 64/128/256/512, kernel 5, strides 2, 2, 2, 1, each with
/// LeakyReLU 0.2 and Dropout 0.2, then dense → 1. G: dense → 7×7×256 with BatchNorm and ReLU;
/// ×2 upsample, conv-transpose 128; ×2 upsample, conv-transpose 64; conv-transpose 32 (each
/// kernel 5 with BatchNorm and ReLU); conv-transpose 1 and Tanh, since the data is in [−1, 1].
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
        var generator = nn.Sequential(
            nn.Linear(latentSize, 7 * 7 * c256), nn.BatchNorm1d(7 * 7 * c256, eps: 1e-3), nn.ReLU(), nn.Unflatten(1, [c256, 7, 7]),
            nn.Upsample(scale_factor: [2, 2]), nn.ConvTranspose2d(c256, c128, 5, padding: 2), nn.BatchNorm2d(c128, eps: 1e-3), nn.ReLU(),
            nn.Upsample(scale_factor: [2, 2]), nn.ConvTranspose2d(c128, c64, 5, padding: 2), nn.BatchNorm2d(c64, eps: 1e-3), nn.ReLU(),
            nn.ConvTranspose2d(c64, c32, 5, padding: 2), nn.BatchNorm2d(c32, eps: 1e-3), nn.ReLU(),
            nn.ConvTranspose2d(c32, 1, 5, padding: 2), nn.Tanh());
        var discriminator = nn.Sequential(
            nn.Conv2d(1, c64, 5, stride: 2, padding: 2), nn.LeakyReLU(0.2), nn.Dropout(0.2),
            nn.Conv2d(c64, c128, 5, stride: 2, padding: 2), nn.LeakyReLU(0.2), nn.Dropout(0.2),
            nn.Conv2d(c128, c256, 5, stride: 2, padding: 2), nn.LeakyReLU(0.2), nn.Dropout(0.2),
            nn.Conv2d(c256, c512, 5, stride: 1, padding: 2), nn.LeakyReLU(0.2), nn.Dropout(0.2),
            nn.Flatten(), nn.Linear(c512 * 4 * 4, 1));
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
