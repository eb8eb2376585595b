using System.Runtime.InteropServices;

namespace Torch.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)] internal static partial void THSTensor_dispose(IntPtr t);

    [LibraryImport(Library)]
    internal static partial TensorHandle THSTensor_from_data(void* data, long* shape, int ndim, sbyte dtype, int deviceType, int deviceIndex, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Library)]
    internal static partial TensorHandle THSTensor_zeros(long* shape, int ndim, sbyte dtype, int deviceType, int deviceIndex, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Library)]
    internal static partial TensorHandle THSTensor_ones(long* shape, int ndim, sbyte dtype, int deviceType, int deviceIndex, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Library)]
    internal static partial TensorHandle THSTensor_full(long* shape, int ndim, double value, sbyte dtype, int deviceType, int deviceIndex, [MarshalAs(UnmanagedType.U1)] bool requiresGrad);
    [LibraryImport(Library)]
    internal static partial TensorHandle THSTensor_arange(double start, double end, double step, sbyte dtype, int deviceType, int deviceIndex);

    [LibraryImport(Library)] internal static partial int THSTensor_ndim(TensorHandle t);
    [LibraryImport(Library)] internal static partial void THSTensor_sizes(TensorHandle t, long* output);
    [LibraryImport(Library)] internal static partial long THSTensor_numel(TensorHandle t);
    [LibraryImport(Library)] internal static partial sbyte THSTensor_dtype(TensorHandle t);
    [LibraryImport(Library)] internal static partial int THSTensor_device_type(TensorHandle t);
    [LibraryImport(Library)] internal static partial int THSTensor_device_index(TensorHandle t);
    [LibraryImport(Library)] internal static partial double THSTensor_item(TensorHandle t);
    [LibraryImport(Library)] internal static partial void THSTensor_copy_to(TensorHandle t, void* destination, long nbytes);

    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_reshape(TensorHandle t, long* shape, int ndim);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_view(TensorHandle t, long* shape, int ndim);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_narrow(TensorHandle t, long dim, long start, long length);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_index_select(TensorHandle t, long dim, TensorHandle index);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_cat(IntPtr* tensors, int count, long dim);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_stack(IntPtr* tensors, int count, long dim);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_transpose(TensorHandle t, long dim0, long dim1);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_unsqueeze(TensorHandle t, long dim);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_flatten(TensorHandle t, long start, long end);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_contiguous(TensorHandle t);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_clone(TensorHandle t);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_to_type(TensorHandle t, sbyte dtype);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_to_device(TensorHandle t, int deviceType, int deviceIndex);
    [LibraryImport(Library)] internal static partial void THSTensor_set_data(TensorHandle t, TensorHandle data);
    [LibraryImport(Library)] internal static partial void THSTensor_copy_(TensorHandle t, TensorHandle source);
    [LibraryImport(Library)] internal static partial void THSTensor_fill_(TensorHandle t, double value);
    [LibraryImport(Library)] internal static partial void THSTensor_zero_(TensorHandle t);

    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_add(TensorHandle a, TensorHandle b, double alpha);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_sub(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_mul(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_div(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_add_scalar(TensorHandle a, double b);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_mul_scalar(TensorHandle a, double b);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_div_scalar(TensorHandle a, double b);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_rsub_scalar(TensorHandle a, double b);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_pow_scalar(TensorHandle a, double exponent);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_neg(TensorHandle a);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_abs(TensorHandle a);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_sqrt(TensorHandle a);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_exp(TensorHandle a);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_log(TensorHandle a);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_isfinite(TensorHandle a);
    [LibraryImport(Library)]
    internal static partial TensorHandle THSTensor_clamp(TensorHandle a, double min, [MarshalAs(UnmanagedType.U1)] bool hasMin, double max, [MarshalAs(UnmanagedType.U1)] bool hasMax);
    [LibraryImport(Library)] internal static partial void THSTensor_add_(TensorHandle a, TensorHandle b, double alpha);
    [LibraryImport(Library)] internal static partial void THSTensor_mul_scalar_(TensorHandle a, double b);

    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_sum(TensorHandle a);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_mean(TensorHandle a);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_std(TensorHandle a, [MarshalAs(UnmanagedType.U1)] bool unbiased);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_max(TensorHandle a);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_min(TensorHandle a);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_all(TensorHandle a);
    [LibraryImport(Library)]
    internal static partial TensorHandle THSTensor_sum_dims(TensorHandle a, long* dims, int ndims, [MarshalAs(UnmanagedType.U1)] bool keepdim);
    [LibraryImport(Library)]
    internal static partial TensorHandle THSTensor_mean_dims(TensorHandle a, long* dims, int ndims, [MarshalAs(UnmanagedType.U1)] bool keepdim);
    [LibraryImport(Library)]
    internal static partial TensorHandle THSTensor_std_dims(TensorHandle a, long* dims, int ndims, [MarshalAs(UnmanagedType.U1)] bool unbiased, [MarshalAs(UnmanagedType.U1)] bool keepdim);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_argmax(TensorHandle a, long dim, [MarshalAs(UnmanagedType.U1)] bool keepdim);

    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_compare_scalar(TensorHandle a, double b, int op);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_compare(TensorHandle a, TensorHandle b, int op);
    [LibraryImport(Library)] internal static partial TensorHandle THSTensor_where(TensorHandle condition, TensorHandle a, TensorHandle b);
}
