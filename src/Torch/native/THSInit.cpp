// In-place weight initialisation, under no-grad as torch.nn.init does (NativeMethods.Init.cs).
#include "Shim.h"

namespace init = torch::nn::init;

EXPORT void THSInit_normal_(Tensor t, double mean, double std) { CATCH(init::normal_(*t, mean, std);) }
EXPORT void THSInit_uniform_(Tensor t, double low, double high) { CATCH(init::uniform_(*t, low, high);) }
EXPORT void THSInit_constant_(Tensor t, double value) { CATCH(init::constant_(*t, value);) }
EXPORT void THSInit_xavier_uniform_(Tensor t, double gain) { CATCH(init::xavier_uniform_(*t, gain);) }
EXPORT void THSInit_xavier_normal_(Tensor t, double gain) { CATCH(init::xavier_normal_(*t, gain);) }

// nonlinearity: 0 leaky_relu (the default for a = sqrt(5), as nn.Linear uses), 1 relu.
EXPORT void THSInit_kaiming_uniform_(Tensor t, double a, int32_t nonlinearity)
{
    CATCH(init::kaiming_uniform_(*t, a, torch::kFanIn,
                                 nonlinearity == 1 ? init::NonlinearityType(torch::kReLU)
                                                   : init::NonlinearityType(torch::kLeakyReLU));)
}

EXPORT void THSInit_kaiming_normal_(Tensor t, double a, int32_t nonlinearity)
{
    CATCH(init::kaiming_normal_(*t, a, torch::kFanIn,
                                nonlinearity == 1 ? init::NonlinearityType(torch::kReLU)
                                                  : init::NonlinearityType(torch::kLeakyReLU));)
}
