using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>The tutorials' fully connected discriminator: pixels → hidden → hidden → one logit, LeakyReLU 0.2.</summary>
public sealed class MlpDiscriminator : GanNetwork
{
    private readonly Linear input;
    private readonly Linear hidden;
    private readonly Linear output;
    private readonly LeakyReLU activation;

    /// <summary>Builds it with libtorch's default initialisation.</summary>
    /// <param name="hiddenUnits">Units in each hidden layer.</param>
    /// <param name="shape">The images it judges.</param>
    public MlpDiscriminator(int hiddenUnits, SampleShape shape) : base(nameof(MlpDiscriminator))
    {
        input = nn.Linear(shape.Size, hiddenUnits);
        hidden = nn.Linear(hiddenUnits, hiddenUnits);
        output = nn.Linear(hiddenUnits, 1);
        activation = nn.LeakyReLU(0.2);
        RegisterComponents();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string?> SequentialLayers => [null, nameof(input), null, nameof(hidden), null, nameof(output)];

    /// <inheritdoc />
    public override Tensor forward(Tensor images)
    {
        using var pixels = images.flatten(1);
        using var first = activation.forward(input.forward(pixels));
        using var second = activation.forward(hidden.forward(first));
        return output.forward(second);
    }
}
