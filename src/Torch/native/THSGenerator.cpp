// Seedable random generators and RNG state, for reproducible trials (NativeMethods.Generator.cs).
#include "Shim.h"

#include <ATen/CPUGeneratorImpl.h>

typedef at::Generator* Generator;

EXPORT Generator THSGenerator_new_cpu(uint64_t seed)
{
    CATCH_RETURN(Generator, nullptr, new at::Generator(at::make_generator<at::CPUGeneratorImpl>(seed)));
}

EXPORT void THSGenerator_dispose(Generator generator) { delete generator; }

// A handle to the process-wide default CPU generator (disposing the handle leaves the generator).
EXPORT Generator THSGenerator_default_cpu()
{
    CATCH_RETURN(Generator, nullptr, new at::Generator(at::detail::getDefaultCPUGenerator()));
}

EXPORT Tensor THSGenerator_get_state(Generator generator)
{
    CATCH(std::lock_guard<std::mutex> lock(generator->mutex()); return new at::Tensor(generator->get_state());)
    return nullptr;
}

EXPORT void THSGenerator_set_state(Generator generator, Tensor state)
{
    CATCH(std::lock_guard<std::mutex> lock(generator->mutex()); generator->set_state(*state);)
}

// Seeds the default generators of the CPU and every CUDA device.
EXPORT void THSGenerator_manual_seed(uint64_t seed) { CATCH(torch::manual_seed(seed);) }

// A null generator means the default one.
EXPORT Tensor THSGenerator_rand(const int64_t* shape, int32_t ndim, Generator generator, int8_t dtype,
                                int32_t device_type, int32_t device_index)
{
    CATCH_TENSOR(torch::rand(to_shape(shape, ndim), generator ? c10::optional<at::Generator>(*generator) : c10::nullopt,
                             to_options(dtype, device_type, device_index, false)));
}

EXPORT Tensor THSGenerator_randn(const int64_t* shape, int32_t ndim, Generator generator, int8_t dtype,
                                 int32_t device_type, int32_t device_index)
{
    CATCH_TENSOR(torch::randn(to_shape(shape, ndim), generator ? c10::optional<at::Generator>(*generator) : c10::nullopt,
                              to_options(dtype, device_type, device_index, false)));
}

EXPORT Tensor THSGenerator_randperm(int64_t n, Generator generator, int32_t device_type, int32_t device_index)
{
    CATCH_TENSOR(torch::randperm(n, generator ? c10::optional<at::Generator>(*generator) : c10::nullopt,
                                 to_options(static_cast<int8_t>(at::kLong), device_type, device_index, false)));
}
