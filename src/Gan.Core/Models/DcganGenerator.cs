using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>
/// The Keras tutorial's DCGAN generator: dense → 7×7×256 with BatchNorm and ReLU; ×2 upsample,
/// conv-transpose 128; ×2 upsample, conv-transpose 64; conv-transpose 32 (each kernel 5 with
/// BatchNorm and ReLU); conv-transpose 1 and Tanh, since the data is in [−1, 1]. Channel counts
/// are given already scaled by the width.
/// </summary>
public sealed class DcganGenerator : GanNetwork
{
    private readonly Linear dense;
    private readonly BatchNorm1d denseNorm;
    private readonly ConvTranspose2d conv1;
    private readonly BatchNorm2d norm1;
    private readonly ConvTranspose2d conv2;
    private readonly BatchNorm2d norm2;
    private readonly ConvTranspose2d conv3;
    private readonly BatchNorm2d norm3;
    private readonly ConvTranspose2d toImage;
    private readonly Upsample upsample;
    private readonly long denseChannels;

    /// <summary>Builds it with libtorch's default initialisation (<see cref="DcganArchitecture"/> re-initialises it as the tutorial does).</summary>
    /// <param name="latentSize">The length of its input vectors.</param>
    /// <param name="c32">The channels of the tutorial's 32-channel layer, scaled.</param>
    /// <param name="c64">The 64-channel layer's, scaled.</param>
    /// <param name="c128">The 128-channel layer's, scaled.</param>
    /// <param name="c256">The dense layer's 256 channels, scaled.</param>
    public DcganGenerator(int latentSize, long c32, long c64, long c128, long c256) : base(nameof(DcganGenerator))
    {
        // Keras' BatchNormalization epsilon, not PyTorch's 1e-5.
        const double epsilon = 1e-3;
        dense = nn.Linear(latentSize, 7 * 7 * c256);
        denseNorm = nn.BatchNorm1d(7 * 7 * c256, eps: epsilon);
        upsample = nn.Upsample(scale_factor: [2, 2]);
        conv1 = nn.ConvTranspose2d(c256, c128, 5, padding: 2);
        norm1 = nn.BatchNorm2d(c128, eps: epsilon);
        conv2 = nn.ConvTranspose2d(c128, c64, 5, padding: 2);
        norm2 = nn.BatchNorm2d(c64, eps: epsilon);
        conv3 = nn.ConvTranspose2d(c64, c32, 5, padding: 2);
        norm3 = nn.BatchNorm2d(c32, eps: epsilon);
        toImage = nn.ConvTranspose2d(c32, 1, 5, padding: 2);
        denseChannels = c256;
        RegisterComponents();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string?> SequentialLayers =>
    [
        nameof(dense), nameof(denseNorm), null, null,
        null, nameof(conv1), nameof(norm1), null,
        null, nameof(conv2), nameof(norm2), null,
        nameof(conv3), nameof(norm3), null,
        nameof(toImage),
    ];

    /// <inheritdoc />
    public override Tensor forward(Tensor latent)
    {
        using var features = denseNorm.forward(dense.forward(latent)).relu().unflatten(1, [denseChannels, 7, 7]);
        using var first = norm1.forward(conv1.forward(upsample.forward(features))).relu();
        using var second = norm2.forward(conv2.forward(upsample.forward(first))).relu();
        using var third = norm3.forward(conv3.forward(second)).relu();
        using var image = toImage.forward(third);
        return image.tanh();
    }
}
