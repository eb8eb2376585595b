using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>
/// The toy lab's networks for 1-D data: a small dense generator (latent → 16 → 16 → 1, LeakyReLU
/// 0.2, linear output, since the data is not scaled) and the lab's discriminator, one dense layer:
/// logistic regression on the logit.
/// </summary>
public sealed class ToyArchitecture : IArchitecture
{
    private const int Hidden = 16;

    /// <inheritdoc />
    public string Name => Architectures.Toy;

    /// <inheritdoc />
    public int DefaultLatentSize => 1;

    /// <inheritdoc />
    public string SupportedShapes => SampleShape.Value.ToString();

    /// <inheritdoc />
    public bool Supports(SampleShape shape) => shape == SampleShape.Value;

    /// <inheritdoc />
    public GanPair Create(int latentSize, double width, SampleShape shape) =>
        new(nn.Sequential(
                nn.Linear(latentSize, Hidden), nn.LeakyReLU(0.2),
                nn.Linear(Hidden, Hidden), nn.LeakyReLU(0.2),
                nn.Linear(Hidden, 1)),
            nn.Sequential(nn.Linear(1, 1)),
            latentSize);
}
