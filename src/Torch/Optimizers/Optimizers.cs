using Torch.Native;

namespace Torch.Optimizers;

/// <summary>Adam (Kingma and Ba, 2015), with optional L2 weight decay.</summary>
public sealed class Adam : Optimizer
{
    /// <summary>Adam over <paramref name="parameters"/>.</summary>
    public unsafe Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0)
        : base(parameters, (p, n) => NativeMethods.THSOptim_adam(p, n, lr, beta1, beta2, eps, weight_decay), nameof(Adam))
    {
    }
}

/// <summary>RMSprop, with optional momentum.</summary>
public sealed class RMSprop : Optimizer
{
    /// <summary>RMSprop over <paramref name="parameters"/>.</summary>
    public unsafe RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0, double momentum = 0)
        : base(parameters, (p, n) => NativeMethods.THSOptim_rmsprop(p, n, lr, alpha, eps, weight_decay, momentum), nameof(RMSprop))
    {
    }
}

/// <summary>Stochastic gradient descent, with optional (Nesterov) momentum.</summary>
public sealed class SGD : Optimizer
{
    /// <summary>SGD over <paramref name="parameters"/>.</summary>
    public unsafe SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double weight_decay = 0, bool nesterov = false)
        : base(parameters, (p, n) => NativeMethods.THSOptim_sgd(p, n, lr, momentum, weight_decay, nesterov), nameof(SGD))
    {
    }
}
