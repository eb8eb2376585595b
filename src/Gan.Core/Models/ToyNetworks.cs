using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>
/// The toy lab's networks for 1-D data: a small dense generator (latent → 16 → 16 → 1, LeakyReLU
/// 0.2, linear output, since the data is not scaled) and the lab's discriminator, one dense layer:
/// logistic regression on the logit.
/// </summary>
internal static class ToyNetworks
{
    private const int Hidden = 16;

    internal static GanPair Create(int latentSize) =>
        new(nn.Sequential(
                nn.Linear(latentSize, Hidden), nn.LeakyReLU(0.2),
                nn.Linear(Hidden, Hidden), nn.LeakyReLU(0.2),
                nn.Linear(Hidden, 1)),
            nn.Sequential(nn.Linear(1, 1)),
            latentSize);
}
