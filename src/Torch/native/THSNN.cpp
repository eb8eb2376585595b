// Layers as functions, activations and losses (NativeMethods.NN.cs). Modules in C# own
// their parameters and call these.
#include "Shim.h"

namespace F = torch::nn::functional;

namespace {
inline at::Tensor optional_tensor(Tensor t) { return t ? *t : at::Tensor(); }
}

EXPORT Tensor THSNN_linear(Tensor input, Tensor weight, Tensor bias)
{
    CATCH_TENSOR(torch::linear(*input, *weight, optional_tensor(bias)));
}

EXPORT Tensor THSNN_conv2d(Tensor input, Tensor weight, Tensor bias, int64_t stride, int64_t padding)
{
    CATCH_TENSOR(torch::conv2d(*input, *weight, optional_tensor(bias), {stride, stride}, {padding, padding}));
}

EXPORT Tensor THSNN_conv_transpose2d(Tensor input, Tensor weight, Tensor bias, int64_t stride, int64_t padding,
                                     int64_t output_padding)
{
    CATCH_TENSOR(torch::conv_transpose2d(*input, *weight, optional_tensor(bias), {stride, stride},
                                         {padding, padding}, {output_padding, output_padding}));
}

// In training mode this also updates running_mean and running_var in place.
EXPORT Tensor THSNN_batch_norm(Tensor input, Tensor weight, Tensor bias, Tensor running_mean, Tensor running_var,
                               bool training, double momentum, double eps)
{
    CATCH_TENSOR(torch::batch_norm(*input, optional_tensor(weight), optional_tensor(bias),
                                   optional_tensor(running_mean), optional_tensor(running_var), training, momentum,
                                   eps, at::globalContext().userEnabledCuDNN()));
}

EXPORT Tensor THSNN_dropout(Tensor input, double p, bool training) { CATCH_TENSOR(torch::dropout(*input, p, training)); }

EXPORT Tensor THSNN_max_pool2d(Tensor input, int64_t kernel, int64_t stride)
{
    CATCH_TENSOR(torch::max_pool2d(*input, {kernel, kernel}, {stride, stride}));
}

EXPORT Tensor THSNN_upsample_nearest2d(Tensor input, double scale)
{
    CATCH_TENSOR(F::interpolate(*input, F::InterpolateFuncOptions()
                                            .scale_factor(std::vector<double>{scale, scale})
                                            .mode(torch::kNearest)));
}

EXPORT Tensor THSNN_relu(Tensor input) { CATCH_TENSOR(torch::relu(*input)); }
EXPORT Tensor THSNN_leaky_relu(Tensor input, double slope) { CATCH_TENSOR(torch::leaky_relu(*input, slope)); }
EXPORT Tensor THSNN_tanh(Tensor input) { CATCH_TENSOR(torch::tanh(*input)); }
EXPORT Tensor THSNN_sigmoid(Tensor input) { CATCH_TENSOR(torch::sigmoid(*input)); }
EXPORT Tensor THSNN_softmax(Tensor input, int64_t dim) { CATCH_TENSOR(torch::softmax(*input, dim)); }
EXPORT Tensor THSNN_log_softmax(Tensor input, int64_t dim) { CATCH_TENSOR(torch::log_softmax(*input, dim)); }

// reduction follows at::Reduction: 0 none, 1 mean, 2 sum.
EXPORT Tensor THSNN_binary_cross_entropy_with_logits(Tensor input, Tensor target, int64_t reduction)
{
    CATCH_TENSOR(torch::binary_cross_entropy_with_logits(*input, *target, {}, {}, reduction));
}

EXPORT Tensor THSNN_cross_entropy(Tensor input, Tensor target, int64_t reduction)
{
    CATCH_TENSOR(torch::nll_loss(torch::log_softmax(*input, 1), *target, {}, reduction));
}

EXPORT Tensor THSNN_mse_loss(Tensor input, Tensor target, int64_t reduction)
{
    CATCH_TENSOR(torch::mse_loss(*input, *target, reduction));
}

// The L2 norm of all the given tensors' gradients taken together, as clip_grad_norm_ computes
// it; tensors without a gradient count as zero. The result stays on the device.
EXPORT Tensor THSNN_total_grad_norm(const Tensor* tensors, int32_t count)
{
    CATCH(
        std::vector<at::Tensor> norms;
        for (int32_t i = 0; i < count; i++) {
            const auto& grad = tensors[i]->grad();
            if (grad.defined())
                norms.push_back(grad.detach().norm(2));
        }
        if (norms.empty())
            return new at::Tensor(torch::zeros({}, tensors[0]->options().requires_grad(false)));
        return new at::Tensor(torch::stack(norms).norm(2));)
    return nullptr;
}
