using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Torch.Native;

namespace Torch;

/// <summary>
/// A libtorch tensor. Disposing it frees the native tensor at once; inside a
/// <see cref="DisposeScope"/> the scope does that for every tensor it saw created.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    internal Tensor(TensorHandle handle)
    {
        Handle = handle;
        handle.Track();
        DisposeScope.Current?.Register(this);
    }

    internal TensorHandle Handle { get; }

    /// <summary>Tensors created and not yet freed, in this process; tests use it to catch leaks.</summary>
    public static long LiveCount => TensorHandle.Live;

    /// <summary>Whether this tensor has been freed.</summary>
    public bool IsDisposed => Handle.IsClosed;

    /// <summary>Wraps a handle the shim returned, or throws the shim's pending error.</summary>
    internal static Tensor From(TensorHandle handle, [CallerMemberName] string operation = "")
    {
        if (handle.IsInvalid)
        {
            torch.CheckForErrors(operation);
            throw new TorchException(operation, "the shim returned no tensor and no error");
        }
        return new Tensor(handle);
    }

    /// <summary>Like <see cref="From"/>, for raw handles returned through out parameters.</summary>
    internal static Tensor FromRaw(IntPtr raw, [CallerMemberName] string operation = "")
    {
        var handle = new TensorHandle();
        Marshal.InitHandle(handle, raw);
        return From(handle, operation);
    }

    /// <summary>Frees the native tensor now.</summary>
    public void Dispose() => Handle.Dispose();

    /// <summary>The size of each dimension.</summary>
    public unsafe long[] shape
    {
        get
        {
            var ndim = NativeMethods.THSTensor_ndim(Handle);
            torch.CheckForErrors();
            var sizes = new long[ndim];
            fixed (long* p = sizes)
                NativeMethods.THSTensor_sizes(Handle, p);
            torch.CheckForErrors();
            return sizes;
        }
    }

    /// <summary>The number of dimensions.</summary>
    public int dim() => Check(NativeMethods.THSTensor_ndim(Handle));

    /// <summary>The number of elements.</summary>
    public long numel() => Check(NativeMethods.THSTensor_numel(Handle));

    /// <summary>The element type.</summary>
    public ScalarType dtype => (ScalarType)Check(NativeMethods.THSTensor_dtype(Handle));

    /// <summary>The device holding the data.</summary>
    public Device device =>
        new((DeviceType)Check(NativeMethods.THSTensor_device_type(Handle)), Check(NativeMethods.THSTensor_device_index(Handle)));

    /// <summary>The single value of a one-element tensor (copied to the host).</summary>
    public T item<T>() where T : unmanaged, IConvertible
    {
        var value = Check(NativeMethods.THSTensor_item(Handle));
        return (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Copies the elements, row-major, into a new array of the tensor's element type.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not the tensor's element type.</exception>
    public T[] data<T>() where T : unmanaged
    {
        var result = new T[numel()];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>Copies the elements, row-major, into <paramref name="destination"/>, which must fit exactly.</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        if (torch.ScalarTypeOf<T>() != dtype)
            throw new ArgumentException($"The tensor holds {dtype}, not {typeof(T).Name}.", nameof(T));
        fixed (T* p = destination)
            NativeMethods.THSTensor_copy_to(Handle, p, (long)destination.Length * sizeof(T));
        torch.CheckForErrors();
    }

    /// <summary>Takes this tensor out of the current dispose scope, so that it outlives the scope.</summary>
    public Tensor DetachFromDisposeScope()
    {
        DisposeScope.Current?.Forget(this);
        return this;
    }

    /// <summary>Moves this tensor from the current dispose scope to the one around it.</summary>
    public Tensor MoveToOuterDisposeScope()
    {
        DisposeScope.Current?.MoveToOuter(this);
        return this;
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsDisposed ? "tensor (disposed)" : $"tensor [{string.Join(", ", shape)}], {dtype}, {device}";

    private static T Check<T>(T value, [CallerMemberName] string operation = "")
    {
        torch.CheckForErrors(operation);
        return value;
    }
}
