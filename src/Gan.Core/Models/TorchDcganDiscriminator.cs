using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>
/// The DCGAN paper's discriminator as PyTorch's DCGAN tutorial writes it, at any power-of-two
/// side: stride-2 convolutions (kernel 4) from <c>ndf</c> channels, doubling them as they halve
/// the side down to 4×4, with LeakyReLU 0.2 and BatchNorm after all but the first, then a 4×4
/// convolution to one logit (the tutorial's Sigmoid is in the loss). No biases, as in the tutorial.
/// </summary>
public sealed class TorchDcganDiscriminator : GanNetwork
{
    private readonly Sequential main;

    /// <summary>A discriminator of <paramref name="channels"/>×<paramref name="side"/>×<paramref name="side"/> images.</summary>
    /// <param name="ndf">The channels of the first layer (64 in the tutorial).</param>
    /// <param name="channels">The image's channels.</param>
    /// <param name="side">The image's side: a power of two, 16 or more.</param>
    public TorchDcganDiscriminator(long ndf, int channels, int side) : base(nameof(TorchDcganDiscriminator))
    {
        var doublings = Doublings(side);
        var layers = new List<nn.Module<Tensor, Tensor>> { nn.Conv2d(channels, ndf, 4, stride: 2, padding: 1, bias: false), nn.LeakyReLU(0.2) };
        var width = ndf;
        for (var i = 1; i < doublings; i++, width *= 2)
            layers.AddRange([nn.Conv2d(width, width * 2, 4, stride: 2, padding: 1, bias: false), nn.BatchNorm2d(width * 2), nn.LeakyReLU(0.2)]);
        layers.Add(nn.Conv2d(width, 1, 4, stride: 1, padding: 0L, bias: false));
        main = nn.Sequential(layers);
        RegisterComponents();
    }

    /// <summary>The stride-2 layers between 4×4 and a side: 4 at 64×64.</summary>
    internal static int Doublings(int side) => (int)Math.Log2(side) - 2;

    /// <inheritdoc />
    protected override IReadOnlyList<string?> SequentialLayers => [];

    /// <inheritdoc />
    public override Tensor forward(Tensor images)
    {
        using var logit = main.forward(images);
        return logit.flatten(1);
    }
}
