using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gan.Core.Training;

/// <summary>
/// A network's parameters gathered into one contiguous buffer, and their gradients into another:
/// each parameter becomes a view of its slice, so autograd accumulates into the shared gradient
/// buffer and an optimizer over <see cref="Values"/> updates the whole network.
/// </summary>
/// <remarks>
/// Why: an optimizer's step is a handful of element-wise passes per parameter, each a native call
/// with its temporaries; over one buffer it is a handful in all. On the MLP step that was about a
/// tenth of the step's time (BENCHMARKS.md, per-trial speed). Each element is updated by the same
/// arithmetic as before. The network must already be on its device and in its dtype.
/// </remarks>
public sealed class FlatParameters : IDisposable
{

    /// <summary>Gathers <paramref name="network"/>'s parameters; from here on they live in this object's buffers.</summary>
    public FlatParameters(nn.Module network)
    {
        Parameters = [.. network.parameters()];
        var first = Parameters[0];
        var count = Parameters.Sum(p => p.numel());
        using var noGrad = no_grad();
        Values = new Parameter(empty([count], first.dtype, first.device));
        Gradients = zeros([count], first.dtype, first.device).DetachFromDisposeScope();
        long offset = 0;
        foreach (var parameter in Parameters)
        {
            var size = parameter.numel();
            using var values = Values.narrow(0, offset, size).view(parameter.shape);
            values.copy_(parameter);
            parameter.set_(values);
            parameter.grad = Gradients.narrow(0, offset, size).view(parameter.shape);
            offset += size;
        }
        Values.grad = Gradients;
    }

    /// <summary>The network's parameters, in its order: views of <see cref="Values"/>.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Every parameter's values, end to end: what the optimizer updates.</summary>
    public Parameter Values { get; }

    /// <summary>Every parameter's gradient, end to end, in the order of <see cref="Values"/>.</summary>
    public Tensor Gradients { get; }

    /// <summary>Where each parameter's slice starts, in the network's parameter order.</summary>
    public IEnumerable<long> Offsets
    {
        get
        {
            long offset = 0;
            foreach (var parameter in Parameters)
            {
                yield return offset;
                offset += parameter.numel();
            }
        }
    }

    /// <summary>Zeroes the gradients in place (never to none: the parameters' gradients are views of them).</summary>
    public void ZeroGradients() => Gradients.zero_();

    /// <summary>The L2 norm of all the gradients taken together, as clip_grad_norm_ measures it, left on the device.</summary>
    public Tensor GradientNorm()
    {
        using var squares = Gradients.mul(Gradients);
        using var sum = squares.sum();
        return sum.sqrt();
    }

    /// <summary>
    /// Whether the parameters take gradients. G's step turns D's off: G's update needs only the
    /// gradient through D's inputs, and D's own would be thrown away at its next zeroing.
    /// </summary>
    public bool RequireGradients
    {
        set
        {
            foreach (var parameter in Parameters)
                parameter.requires_grad = value;
        }
    }

    /// <summary>Frees the buffers (the parameters are views of them).</summary>
    public void Dispose()
    {
        Values.Dispose();
        Gradients.Dispose();
    }
}
