using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>The tutorials' fully connected generator: latent → hidden → hidden → pixels (Tanh), shaped as the dataset's images.</summary>
public sealed class MlpGenerator : GanNetwork
{
    private readonly Linear input;
    private readonly Linear hidden;
    private readonly Linear output;
    private readonly nn.Module<Tensor, Tensor> activation;
    private readonly long[] imageDimensions;

    /// <summary>Builds it with libtorch's default initialisation.</summary>
    /// <param name="latentSize">The length of its input vectors.</param>
    /// <param name="hiddenUnits">Units in each hidden layer.</param>
    /// <param name="shape">The images it generates.</param>
    /// <param name="leaky">LeakyReLU 0.2 (the TensorFlow tutorial) rather than ReLU (PyTorch's).</param>
    public MlpGenerator(int latentSize, int hiddenUnits, SampleShape shape, bool leaky) : base(nameof(MlpGenerator))
    {
        input = nn.Linear(latentSize, hiddenUnits);
        hidden = nn.Linear(hiddenUnits, hiddenUnits);
        output = nn.Linear(hiddenUnits, shape.Size);
        activation = leaky ? nn.LeakyReLU(0.2) : nn.ReLU();
        imageDimensions = shape.Dimensions;
        RegisterComponents();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string?> SequentialLayers => [nameof(input), null, nameof(hidden), null, nameof(output)];

    /// <inheritdoc />
    public override Tensor forward(Tensor latent)
    {
        using var first = activation.forward(input.forward(latent));
        using var second = activation.forward(hidden.forward(first));
        using var pixels = output.forward(second);
        return pixels.tanh().unflatten(1, imageDimensions);
    }
}
