using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Torch.Native;

namespace Torch;

/// <summary>The binding's entry point, named and shaped like TorchSharp's <c>torch</c>.</summary>
public static partial class torch
{
    /// <summary>32-bit floats.</summary>
    public const ScalarType float32 = ScalarType.Float32;
    /// <summary>64-bit floats.</summary>
    public const ScalarType float64 = ScalarType.Float64;
    /// <summary>64-bit integers.</summary>
    public const ScalarType int64 = ScalarType.Int64;
    /// <summary>Unsigned bytes.</summary>
    public const ScalarType uint8 = ScalarType.Byte;

    /// <summary>
    /// Throws the error the shim left on this thread, if any, as a <see cref="TorchException"/>
    /// naming <paramref name="operation"/>.
    /// </summary>
    public static void CheckForErrors([CallerMemberName] string operation = "")
    {
        var message = NativeMethods.THSError_take();
        if (message != IntPtr.Zero)
            throw new TorchException(operation, Marshal.PtrToStringUTF8(message) ?? "");
    }

    /// <summary>The libtorch version the shim was built against, for example <c>1.13.0</c>.</summary>
    public static string __version__ => Marshal.PtrToStringUTF8(NativeMethods.THSDevice_torch_version()) ?? "";

    /// <summary>Opens a scope that frees the tensors created inside it when disposed.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Sets the number of threads libtorch uses inside one operation.</summary>
    public static void set_num_threads(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        NativeMethods.THSDevice_set_num_threads(count);
        CheckForErrors();
    }

    /// <summary>The number of threads libtorch uses inside one operation.</summary>
    public static int get_num_threads()
    {
        var count = NativeMethods.THSDevice_get_num_threads();
        CheckForErrors();
        return count;
    }

    /// <summary>Whether autograd records operations on this thread.</summary>
    public static bool is_grad_enabled() => NativeMethods.THSAutograd_is_grad_enabled();

    /// <summary>Turns autograd off on this thread until the returned scope is disposed.</summary>
    public static IDisposable no_grad() => new GradModeScope(enabled: false);

    /// <summary>Turns autograd on on this thread until the returned scope is disposed.</summary>
    public static IDisposable enable_grad() => new GradModeScope(enabled: true);

    private sealed class GradModeScope : IDisposable
    {
        private readonly bool previous;
        private bool disposed;

        internal GradModeScope(bool enabled)
        {
            previous = NativeMethods.THSAutograd_is_grad_enabled();
            NativeMethods.THSAutograd_set_grad_enabled(enabled);
        }

        public void Dispose()
        {
            if (disposed)
                return;
            disposed = true;
            NativeMethods.THSAutograd_set_grad_enabled(previous);
        }
    }

    internal static ScalarType ScalarTypeOf<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? ScalarType.Float32
        : typeof(T) == typeof(double) ? ScalarType.Float64
        : typeof(T) == typeof(long) ? ScalarType.Int64
        : typeof(T) == typeof(int) ? ScalarType.Int32
        : typeof(T) == typeof(byte) ? ScalarType.Byte
        : typeof(T) == typeof(bool) ? ScalarType.Bool
        : throw new NotSupportedException($"Tensors of {typeof(T).Name} are not supported.");
}
