// Shared declarations for every shim file: the export macro, the handle types and the
// exception barrier. No C++ exception may cross into the CLR, so each export wraps its body
// in one of the CATCH macros, which leave the message in a thread-local error slot that
// C# reads through THSError_take (see NativeMethods.Error.cs).
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>

#define EXPORT extern "C" __attribute__((visibility("default")))

typedef at::Tensor* Tensor;

void shim_set_error(const std::string& message);

#define CATCH(body)                                                        \
    try {                                                                  \
        body                                                               \
    } catch (const c10::Error& e) {                                        \
        shim_set_error(e.what_without_backtrace());                        \
    } catch (const std::exception& e) {                                    \
        shim_set_error(e.what());                                          \
    } catch (...) {                                                        \
        shim_set_error("unknown C++ exception");                           \
    }

#define CATCH_RETURN(type, fallback, expr)                                 \
    {                                                                      \
        type result_ = fallback;                                           \
        CATCH(result_ = (expr);)                                           \
        return result_;                                                    \
    }

// Every tensor crossing the boundary is a heap-allocated at::Tensor owned by a C# SafeHandle.
#define CATCH_TENSOR(expr) CATCH_RETURN(Tensor, nullptr, new at::Tensor(expr))

inline c10::Device to_device(int32_t type, int32_t index)
{
    return c10::Device(static_cast<c10::DeviceType>(type), static_cast<c10::DeviceIndex>(index));
}

inline at::TensorOptions to_options(int8_t dtype, int32_t device_type, int32_t device_index, bool requires_grad)
{
    return at::TensorOptions()
        .dtype(static_cast<at::ScalarType>(dtype))
        .device(to_device(device_type, device_index))
        .requires_grad(requires_grad);
}

inline std::vector<at::Tensor> to_tensor_list(const Tensor* tensors, int32_t count)
{
    std::vector<at::Tensor> list;
    list.reserve(count);
    for (int32_t i = 0; i < count; i++)
        list.push_back(*tensors[i]);
    return list;
}

inline at::IntArrayRef to_shape(const int64_t* shape, int32_t ndim)
{
    return at::IntArrayRef(shape, static_cast<size_t>(ndim));
}
