using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>
/// The DCGAN paper's generator as PyTorch's DCGAN tutorial writes it, at any power-of-two side:
/// a 4×4 transposed convolution from the latent vector, then stride-2 transposed convolutions
/// (kernel 4) that double the side and halve the channels down to <c>ngf</c>, each with BatchNorm
/// and ReLU, and a last one to the image's channels with Tanh. No biases, as in the tutorial.
/// At 64×64 it is the tutorial's network, and its parameters carry the tutorial's names ("main.0.weight").
/// </summary>
public sealed class TorchDcganGenerator : GanNetwork
{
    private readonly Sequential main;

    /// <summary>A generator of <paramref name="channels"/>×<paramref name="side"/>×<paramref name="side"/> images.</summary>
    /// <param name="latentSize">The length of its input vectors.</param>
    /// <param name="ngf">The channels of the last hidden layer (64 in the tutorial).</param>
    /// <param name="channels">The image's channels.</param>
    /// <param name="side">The image's side: a power of two, 16 or more.</param>
    public TorchDcganGenerator(int latentSize, long ngf, int channels, int side) : base(nameof(TorchDcganGenerator))
    {
        var doublings = TorchDcganDiscriminator.Doublings(side);
        var width = ngf << (doublings - 1);
        var layers = new List<nn.Module<Tensor, Tensor>>
        {
            nn.ConvTranspose2d(latentSize, width, 4, stride: 1, padding: 0, bias: false), nn.BatchNorm2d(width), nn.ReLU(),
        };
        for (; width > ngf; width /= 2)
            layers.AddRange([nn.ConvTranspose2d(width, width / 2, 4, stride: 2, padding: 1, bias: false), nn.BatchNorm2d(width / 2), nn.ReLU()]);
        layers.AddRange([nn.ConvTranspose2d(ngf, channels, 4, stride: 2, padding: 1, bias: false), nn.Tanh()]);
        main = nn.Sequential(layers);
        RegisterComponents();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string?> SequentialLayers => [];

    /// <inheritdoc />
    public override Tensor forward(Tensor latent)
    {
        using var image = latent.unsqueeze(-1).unsqueeze(-1);
        return main.forward(image);
    }
}
