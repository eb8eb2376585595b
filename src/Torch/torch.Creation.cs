using Torch.Native;

namespace Torch;

public static partial class torch
{
    /// <summary>A tensor holding a copy of <paramref name="data"/>, in the given shape (a vector if none).</summary>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape = default, Device? device = null,
        bool requires_grad = false) where T : unmanaged
    {
        if (shape.IsEmpty)
            return tensor(data, [data.Length], device, requires_grad);
        long count = 1;
        foreach (var size in shape)
            count *= size;
        if (count != data.Length)
            throw new ArgumentException($"Shape [{string.Join(", ", shape.ToArray())}] holds {count} elements, but {data.Length} were given.", nameof(shape));
        var target = device ?? Device.CPU;
        fixed (T* d = data)
        fixed (long* s = shape)
            return Tensor.From(NativeMethods.THSTensor_from_data(d, s, shape.Length, (sbyte)ScalarTypeOf<T>(), (int)target.Type, target.Index, requires_grad));
    }

    /// <summary>A tensor of zeros.</summary>
    public static unsafe Tensor zeros(ReadOnlySpan<long> shape, ScalarType dtype = float32, Device? device = null, bool requires_grad = false)
    {
        var target = device ?? Device.CPU;
        fixed (long* s = shape)
            return Tensor.From(NativeMethods.THSTensor_zeros(s, shape.Length, (sbyte)dtype, (int)target.Type, target.Index, requires_grad));
    }

    /// <summary>A tensor of ones.</summary>
    public static unsafe Tensor ones(ReadOnlySpan<long> shape, ScalarType dtype = float32, Device? device = null, bool requires_grad = false)
    {
        var target = device ?? Device.CPU;
        fixed (long* s = shape)
            return Tensor.From(NativeMethods.THSTensor_ones(s, shape.Length, (sbyte)dtype, (int)target.Type, target.Index, requires_grad));
    }

    /// <summary>A tensor with every element set to <paramref name="value"/>.</summary>
    public static unsafe Tensor full(ReadOnlySpan<long> shape, double value, ScalarType dtype = float32, Device? device = null, bool requires_grad = false)
    {
        var target = device ?? Device.CPU;
        fixed (long* s = shape)
            return Tensor.From(NativeMethods.THSTensor_full(s, shape.Length, value, (sbyte)dtype, (int)target.Type, target.Index, requires_grad));
    }

    /// <summary>The values start, start + step, … below end.</summary>
    public static Tensor arange(double start, double end, double step = 1, ScalarType dtype = int64, Device? device = null)
    {
        var target = device ?? Device.CPU;
        return Tensor.From(NativeMethods.THSTensor_arange(start, end, step, (sbyte)dtype, (int)target.Type, target.Index));
    }

    /// <summary>Joins tensors along an existing dimension.</summary>
    public static unsafe Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var handles = RawHandles(tensors);
        fixed (IntPtr* p = handles)
        {
            var result = Tensor.From(NativeMethods.THSTensor_cat(p, handles.Length, dim));
            GC.KeepAlive(tensors);
            return result;
        }
    }

    /// <summary>Joins tensors along a new dimension.</summary>
    public static unsafe Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var handles = RawHandles(tensors);
        fixed (IntPtr* p = handles)
        {
            var result = Tensor.From(NativeMethods.THSTensor_stack(p, handles.Length, dim));
            GC.KeepAlive(tensors);
            return result;
        }
    }

    /// <summary>Elements of <paramref name="a"/> where <paramref name="condition"/> holds, else of <paramref name="b"/>.</summary>
    public static Tensor where(Tensor condition, Tensor a, Tensor b) =>
        Tensor.From(NativeMethods.THSTensor_where(condition.Handle, a.Handle, b.Handle));

    /// <summary>Matrix product, with broadcasting over batch dimensions.</summary>
    public static Tensor matmul(Tensor a, Tensor b) => Tensor.From(NativeMethods.THSLinalg_matmul(a.Handle, b.Handle));

    /// <summary>
    /// The raw pointers of tensors passed as an array. The caller keeps the tensors alive until
    /// the native call returns (GC.KeepAlive), since a raw pointer holds no reference.
    /// </summary>
    internal static IntPtr[] RawHandles(IReadOnlyList<Tensor> tensors)
    {
        var handles = new IntPtr[tensors.Count];
        for (var i = 0; i < handles.Length; i++)
        {
            ObjectDisposedException.ThrowIf(tensors[i].IsDisposed, tensors[i]);
            handles[i] = tensors[i].Handle.DangerousGetHandle();
        }
        return handles;
    }
}
