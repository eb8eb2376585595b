namespace Torch.Modules;

/// <summary>2-D transposed convolution with a square kernel (a learned upsampling).</summary>
public sealed class ConvTranspose2d : Module
{
    private readonly long stride;
    private readonly long padding;
    private readonly long outputPadding;

    /// <summary>A transposed convolution from <paramref name="inChannels"/> to <paramref name="outChannels"/> channels.</summary>
    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long outputPadding = 0, bool hasBias = true)
    {
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        weight = register_parameter("weight", DefaultInit.Weight(torch.zeros([inChannels, outChannels, kernelSize, kernelSize])));
        // PyTorch computes the bias bound from the weight's second dimension, which here is outChannels.
        if (hasBias)
            bias = register_parameter("bias", DefaultInit.Bias(torch.zeros([outChannels]), fanIn: outChannels * kernelSize * kernelSize));
    }

    /// <summary>The kernels, [in, out, k, k].</summary>
    public Tensor weight { get; }

    /// <summary>The bias, [out], if the layer has one.</summary>
    public Tensor? bias { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) =>
        torch.nn.functional.conv_transpose2d(input, weight, bias, stride, padding, outputPadding);
}
