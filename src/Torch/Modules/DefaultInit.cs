namespace Torch.Modules;

/// <summary>
/// libtorch's (and PyTorch's) default initialisation of Linear and convolution layers:
/// Kaiming-uniform weights with a = √5, and biases from U(−1/√fan_in, 1/√fan_in).
/// Drawn in the same order as PyTorch, so that equal seeds give equal layers.
/// </summary>
internal static class DefaultInit
{
    internal static Tensor Weight(Tensor weight) => torch.nn.init.kaiming_uniform_(weight, Math.Sqrt(5));

    internal static Tensor Bias(Tensor bias, long fanIn)
    {
        var bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
        return torch.nn.init.uniform_(bias, -bound, bound);
    }
}
