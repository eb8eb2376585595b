// Tensor creation, shape, arithmetic, reductions and comparisons (NativeMethods.Tensor.cs).
#include "Shim.h"

#include <cstring>

EXPORT void THSTensor_dispose(Tensor t) { delete t; }

// ---- creation --------------------------------------------------------------------------

EXPORT Tensor THSTensor_from_data(const void* data, const int64_t* shape, int32_t ndim, int8_t dtype,
                                  int32_t device_type, int32_t device_index, bool requires_grad)
{
    CATCH_TENSOR(torch::from_blob(const_cast<void*>(data), to_shape(shape, ndim),
                                  at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)))
                     .to(to_device(device_type, device_index), /*non_blocking=*/false, /*copy=*/true)
                     .set_requires_grad(requires_grad));
}

EXPORT Tensor THSTensor_zeros(const int64_t* shape, int32_t ndim, int8_t dtype, int32_t device_type,
                              int32_t device_index, bool requires_grad)
{
    CATCH_TENSOR(torch::zeros(to_shape(shape, ndim), to_options(dtype, device_type, device_index, requires_grad)));
}

EXPORT Tensor THSTensor_ones(const int64_t* shape, int32_t ndim, int8_t dtype, int32_t device_type,
                             int32_t device_index, bool requires_grad)
{
    CATCH_TENSOR(torch::ones(to_shape(shape, ndim), to_options(dtype, device_type, device_index, requires_grad)));
}

EXPORT Tensor THSTensor_full(const int64_t* shape, int32_t ndim, double value, int8_t dtype, int32_t device_type,
                             int32_t device_index, bool requires_grad)
{
    CATCH_TENSOR(torch::full(to_shape(shape, ndim), value, to_options(dtype, device_type, device_index, requires_grad)));
}

EXPORT Tensor THSTensor_arange(double start, double end, double step, int8_t dtype, int32_t device_type,
                               int32_t device_index)
{
    CATCH_TENSOR(torch::arange(start, end, step, to_options(dtype, device_type, device_index, false)));
}

// ---- reading back ----------------------------------------------------------------------

EXPORT int32_t THSTensor_ndim(Tensor t) { CATCH_RETURN(int32_t, -1, static_cast<int32_t>(t->dim())); }

EXPORT void THSTensor_sizes(Tensor t, int64_t* out)
{
    CATCH(auto sizes = t->sizes(); std::copy(sizes.begin(), sizes.end(), out);)
}

EXPORT int64_t THSTensor_numel(Tensor t) { CATCH_RETURN(int64_t, -1, t->numel()); }

EXPORT int8_t THSTensor_dtype(Tensor t) { CATCH_RETURN(int8_t, -1, static_cast<int8_t>(t->scalar_type())); }

EXPORT int32_t THSTensor_device_type(Tensor t) { CATCH_RETURN(int32_t, -1, static_cast<int32_t>(t->device().type())); }

EXPORT int32_t THSTensor_device_index(Tensor t) { CATCH_RETURN(int32_t, -1, t->device().index()); }

EXPORT double THSTensor_item(Tensor t) { CATCH_RETURN(double, 0.0, t->item<double>()); }

// Copies the elements, in row-major order, into a host buffer of exactly nbytes.
EXPORT void THSTensor_copy_to(Tensor t, void* dst, int64_t nbytes)
{
    CATCH(
        auto host = t->detach().to(torch::kCPU).contiguous();
        auto size = static_cast<int64_t>(host.numel() * host.element_size());
        TORCH_CHECK(size == nbytes, "copy_to: the tensor holds ", size, " bytes but the buffer has ", nbytes);
        std::memcpy(dst, host.data_ptr(), static_cast<size_t>(nbytes));)
}

// ---- views, shape and movement ---------------------------------------------------------

EXPORT Tensor THSTensor_reshape(Tensor t, const int64_t* shape, int32_t ndim)
{
    CATCH_TENSOR(t->reshape(to_shape(shape, ndim)));
}

EXPORT Tensor THSTensor_view(Tensor t, const int64_t* shape, int32_t ndim)
{
    CATCH_TENSOR(t->view(to_shape(shape, ndim)));
}

EXPORT Tensor THSTensor_narrow(Tensor t, int64_t dim, int64_t start, int64_t length)
{
    CATCH_TENSOR(t->narrow(dim, start, length));
}

EXPORT Tensor THSTensor_index_select(Tensor t, int64_t dim, Tensor index)
{
    CATCH_TENSOR(t->index_select(dim, *index));
}

EXPORT Tensor THSTensor_cat(const Tensor* tensors, int32_t count, int64_t dim)
{
    CATCH_TENSOR(torch::cat(to_tensor_list(tensors, count), dim));
}

EXPORT Tensor THSTensor_stack(const Tensor* tensors, int32_t count, int64_t dim)
{
    CATCH_TENSOR(torch::stack(to_tensor_list(tensors, count), dim));
}

EXPORT Tensor THSTensor_transpose(Tensor t, int64_t dim0, int64_t dim1) { CATCH_TENSOR(t->transpose(dim0, dim1)); }

EXPORT Tensor THSTensor_unsqueeze(Tensor t, int64_t dim) { CATCH_TENSOR(t->unsqueeze(dim)); }

EXPORT Tensor THSTensor_flatten(Tensor t, int64_t start, int64_t end) { CATCH_TENSOR(t->flatten(start, end)); }

EXPORT Tensor THSTensor_contiguous(Tensor t) { CATCH_TENSOR(t->contiguous()); }

EXPORT Tensor THSTensor_clone(Tensor t) { CATCH_TENSOR(t->clone()); }

EXPORT Tensor THSTensor_to_type(Tensor t, int8_t dtype) { CATCH_TENSOR(t->to(static_cast<at::ScalarType>(dtype))); }

EXPORT Tensor THSTensor_to_device(Tensor t, int32_t device_type, int32_t device_index)
{
    CATCH_TENSOR(t->to(to_device(device_type, device_index)));
}

// Replaces the tensor's data but keeps its identity, so optimizers and autograd still see it.
EXPORT void THSTensor_set_data(Tensor t, Tensor data) { CATCH(t->set_data(*data);) }

EXPORT void THSTensor_copy_(Tensor t, Tensor source) { CATCH(t->copy_(*source);) }

EXPORT void THSTensor_fill_(Tensor t, double value) { CATCH(t->fill_(value);) }

EXPORT void THSTensor_zero_(Tensor t) { CATCH(t->zero_();) }

// ---- elementwise arithmetic ------------------------------------------------------------

EXPORT Tensor THSTensor_add(Tensor a, Tensor b, double alpha) { CATCH_TENSOR(torch::add(*a, *b, alpha)); }
EXPORT Tensor THSTensor_sub(Tensor a, Tensor b) { CATCH_TENSOR(torch::sub(*a, *b)); }
EXPORT Tensor THSTensor_mul(Tensor a, Tensor b) { CATCH_TENSOR(torch::mul(*a, *b)); }
EXPORT Tensor THSTensor_div(Tensor a, Tensor b) { CATCH_TENSOR(torch::div(*a, *b)); }
EXPORT Tensor THSTensor_add_scalar(Tensor a, double b) { CATCH_TENSOR(torch::add(*a, b)); }
EXPORT Tensor THSTensor_mul_scalar(Tensor a, double b) { CATCH_TENSOR(torch::mul(*a, b)); }
EXPORT Tensor THSTensor_div_scalar(Tensor a, double b) { CATCH_TENSOR(torch::div(*a, b)); }
EXPORT Tensor THSTensor_rsub_scalar(Tensor a, double b) { CATCH_TENSOR(torch::rsub(*a, b)); }
EXPORT Tensor THSTensor_pow_scalar(Tensor a, double exponent) { CATCH_TENSOR(torch::pow(*a, exponent)); }
EXPORT Tensor THSTensor_neg(Tensor a) { CATCH_TENSOR(torch::neg(*a)); }
EXPORT Tensor THSTensor_abs(Tensor a) { CATCH_TENSOR(torch::abs(*a)); }
EXPORT Tensor THSTensor_sqrt(Tensor a) { CATCH_TENSOR(torch::sqrt(*a)); }
EXPORT Tensor THSTensor_exp(Tensor a) { CATCH_TENSOR(torch::exp(*a)); }
EXPORT Tensor THSTensor_log(Tensor a) { CATCH_TENSOR(torch::log(*a)); }
EXPORT Tensor THSTensor_isfinite(Tensor a) { CATCH_TENSOR(torch::isfinite(*a)); }

EXPORT Tensor THSTensor_clamp(Tensor a, double min, bool has_min, double max, bool has_max)
{
    CATCH_TENSOR(torch::clamp(*a, has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                              has_max ? c10::optional<at::Scalar>(max) : c10::nullopt));
}

EXPORT void THSTensor_add_(Tensor a, Tensor b, double alpha) { CATCH(a->add_(*b, alpha);) }
EXPORT void THSTensor_mul_scalar_(Tensor a, double b) { CATCH(a->mul_(b);) }

// ---- reductions ------------------------------------------------------------------------

EXPORT Tensor THSTensor_sum(Tensor a) { CATCH_TENSOR(a->sum()); }
EXPORT Tensor THSTensor_mean(Tensor a) { CATCH_TENSOR(a->mean()); }
EXPORT Tensor THSTensor_std(Tensor a, bool unbiased) { CATCH_TENSOR(a->std(unbiased)); }
EXPORT Tensor THSTensor_max(Tensor a) { CATCH_TENSOR(a->max()); }
EXPORT Tensor THSTensor_min(Tensor a) { CATCH_TENSOR(a->min()); }
EXPORT Tensor THSTensor_all(Tensor a) { CATCH_TENSOR(a->all()); }

EXPORT Tensor THSTensor_sum_dims(Tensor a, const int64_t* dims, int32_t ndims, bool keepdim)
{
    CATCH_TENSOR(a->sum(to_shape(dims, ndims), keepdim));
}

EXPORT Tensor THSTensor_mean_dims(Tensor a, const int64_t* dims, int32_t ndims, bool keepdim)
{
    CATCH_TENSOR(a->mean(to_shape(dims, ndims), keepdim));
}

EXPORT Tensor THSTensor_std_dims(Tensor a, const int64_t* dims, int32_t ndims, bool unbiased, bool keepdim)
{
    CATCH_TENSOR(a->std(to_shape(dims, ndims), unbiased, keepdim));
}

EXPORT Tensor THSTensor_argmax(Tensor a, int64_t dim, bool keepdim) { CATCH_TENSOR(a->argmax(dim, keepdim)); }

// ---- comparisons (results are bool masks) ----------------------------------------------

EXPORT Tensor THSTensor_compare_scalar(Tensor a, double b, int32_t op)
{
    CATCH_TENSOR(op == 0 ? a->eq(b) : op == 1 ? a->ne(b) : op == 2 ? a->lt(b) : op == 3 ? a->le(b)
                 : op == 4 ? a->gt(b) : a->ge(b));
}

EXPORT Tensor THSTensor_compare(Tensor a, Tensor b, int32_t op)
{
    CATCH_TENSOR(op == 0 ? a->eq(*b) : op == 1 ? a->ne(*b) : op == 2 ? a->lt(*b) : op == 3 ? a->le(*b)
                 : op == 4 ? a->gt(*b) : a->ge(*b));
}

EXPORT Tensor THSTensor_where(Tensor condition, Tensor a, Tensor b) { CATCH_TENSOR(torch::where(*condition, *a, *b)); }
