// libtorch's own optimizers over C#-owned parameter tensors (NativeMethods.Optim.cs).
#include "Shim.h"

typedef torch::optim::Optimizer* Optimizer;

EXPORT Optimizer THSOptim_adam(const Tensor* params, int32_t count, double lr, double beta1, double beta2, double eps,
                               double weight_decay)
{
    CATCH_RETURN(Optimizer, nullptr,
                 new torch::optim::Adam(to_tensor_list(params, count), torch::optim::AdamOptions(lr)
                                                                           .betas(std::make_tuple(beta1, beta2))
                                                                           .eps(eps)
                                                                           .weight_decay(weight_decay)));
}

EXPORT Optimizer THSOptim_rmsprop(const Tensor* params, int32_t count, double lr, double alpha, double eps,
                                  double weight_decay, double momentum)
{
    CATCH_RETURN(Optimizer, nullptr,
                 new torch::optim::RMSprop(to_tensor_list(params, count), torch::optim::RMSpropOptions(lr)
                                                                              .alpha(alpha)
                                                                              .eps(eps)
                                                                              .weight_decay(weight_decay)
                                                                              .momentum(momentum)));
}

EXPORT Optimizer THSOptim_sgd(const Tensor* params, int32_t count, double lr, double momentum, double weight_decay,
                              bool nesterov)
{
    CATCH_RETURN(Optimizer, nullptr,
                 new torch::optim::SGD(to_tensor_list(params, count), torch::optim::SGDOptions(lr)
                                                                          .momentum(momentum)
                                                                          .weight_decay(weight_decay)
                                                                          .nesterov(nesterov)));
}

EXPORT void THSOptim_dispose(Optimizer optimizer) { delete optimizer; }

EXPORT void THSOptim_step(Optimizer optimizer) { CATCH(optimizer->step();) }

// Sets every parameter's gradient to none, as zero_grad(set_to_none=True) does.
EXPORT void THSOptim_zero_grad(Optimizer optimizer)
{
    CATCH(for (auto& group : optimizer->param_groups()) for (auto& p : group.params()) p.mutable_grad().reset();)
}

EXPORT void THSOptim_set_lr(Optimizer optimizer, double lr)
{
    CATCH(for (auto& group : optimizer->param_groups()) group.options().set_lr(lr);)
}

EXPORT double THSOptim_get_lr(Optimizer optimizer)
{
    CATCH_RETURN(double, 0.0, optimizer->param_groups().at(0).options().get_lr());
}
