// Devices, threads and the build's identity (NativeMethods.Device.cs).
#include "Shim.h"

#include <torch/version.h>

EXPORT bool THSDevice_cuda_is_available() { CATCH_RETURN(bool, false, torch::cuda::is_available()); }

EXPORT int32_t THSDevice_cuda_device_count() { CATCH_RETURN(int32_t, 0, static_cast<int32_t>(torch::cuda::device_count())); }

EXPORT void THSDevice_set_num_threads(int32_t count) { CATCH(at::set_num_threads(count);) }

EXPORT int32_t THSDevice_get_num_threads() { CATCH_RETURN(int32_t, -1, at::get_num_threads()); }

EXPORT const char* THSDevice_torch_version() { return TORCH_VERSION; }
