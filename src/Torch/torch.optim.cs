using Torch.Optimizers;

namespace Torch;

public static partial class torch
{
    /// <summary>Optimizer factories, as <c>torch.optim</c>.</summary>
    public static class optim
    {
        /// <summary>Adam.</summary>
        public static Adam Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay);

        /// <summary>RMSprop.</summary>
        public static RMSprop RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0, double momentum = 0) =>
            new(parameters, lr, alpha, eps, weight_decay, momentum);

        /// <summary>SGD.</summary>
        public static SGD SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double weight_decay = 0, bool nesterov = false) =>
            new(parameters, lr, momentum, weight_decay, nesterov);
    }
}
