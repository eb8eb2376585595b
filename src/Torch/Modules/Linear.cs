namespace Torch.Modules;

/// <summary>y = x Wᵀ + b, initialised as libtorch initialises it.</summary>
public sealed class Linear : Module
{
    /// <summary>A layer from <paramref name="inputSize"/> to <paramref name="outputSize"/> features.</summary>
    public Linear(long inputSize, long outputSize, bool hasBias = true)
    {
        weight = register_parameter("weight", DefaultInit.Weight(torch.zeros([outputSize, inputSize])));
        if (hasBias)
            bias = register_parameter("bias", DefaultInit.Bias(torch.zeros([outputSize]), fanIn: inputSize));
    }

    /// <summary>The weight, [out, in].</summary>
    public Tensor weight { get; }

    /// <summary>The bias, [out], if the layer has one.</summary>
    public Tensor? bias { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => torch.nn.functional.linear(input, weight, bias);
}
