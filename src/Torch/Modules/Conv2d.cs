namespace Torch.Modules;

/// <summary>2-D convolution with a square kernel.</summary>
public sealed class Conv2d : Module
{
    private readonly long stride;
    private readonly long padding;

    /// <summary>A convolution from <paramref name="inChannels"/> to <paramref name="outChannels"/> channels.</summary>
    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, bool hasBias = true)
    {
        this.stride = stride;
        this.padding = padding;
        weight = register_parameter("weight", DefaultInit.Weight(torch.zeros([outChannels, inChannels, kernelSize, kernelSize])));
        if (hasBias)
            bias = register_parameter("bias", DefaultInit.Bias(torch.zeros([outChannels]), fanIn: inChannels * kernelSize * kernelSize));
    }

    /// <summary>The kernels, [out, in, k, k].</summary>
    public Tensor weight { get; }

    /// <summary>The bias, [out], if the layer has one.</summary>
    public Tensor? bias { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => torch.nn.functional.conv2d(input, weight, bias, stride, padding);
}
