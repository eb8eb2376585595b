using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>The toy lab's discriminator: one dense layer, logistic regression on the logit.</summary>
public sealed class ToyDiscriminator : GanNetwork
{
    private readonly Linear logit;

    /// <summary>Builds it with libtorch's default initialisation.</summary>
    public ToyDiscriminator() : base(nameof(ToyDiscriminator))
    {
        logit = nn.Linear(1, 1);
        RegisterComponents();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string?> SequentialLayers => [nameof(logit)];

    /// <inheritdoc />
    public override Tensor forward(Tensor values) => logit.forward(values);
}
