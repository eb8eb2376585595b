using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>The toy lab's generator for 1-D data: latent → 16 → 16 → 1, LeakyReLU 0.2, a linear output since the data is not scaled.</summary>
public sealed class ToyGenerator : GanNetwork
{
    private const int Hidden = 16;

    private readonly Linear input;
    private readonly Linear hidden;
    private readonly Linear output;
    private readonly LeakyReLU activation;

    /// <summary>Builds it with libtorch's default initialisation.</summary>
    /// <param name="latentSize">The length of its input vectors.</param>
    public ToyGenerator(int latentSize) : base(nameof(ToyGenerator))
    {
        input = nn.Linear(latentSize, Hidden);
        activation = nn.LeakyReLU(0.2);
        hidden = nn.Linear(Hidden, Hidden);
        output = nn.Linear(Hidden, 1);
        RegisterComponents();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string?> SequentialLayers => [nameof(input), null, nameof(hidden), null, nameof(output)];

    /// <inheritdoc />
    public override Tensor forward(Tensor latent)
    {
        using var first = activation.forward(input.forward(latent));
        using var second = activation.forward(hidden.forward(first));
        return output.forward(second);
    }
}
