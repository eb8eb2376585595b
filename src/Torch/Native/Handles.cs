using System.Runtime.InteropServices;

namespace Torch.Native;

/// <summary>A native object owned by a SafeHandle; zero is the invalid value.</summary>
internal abstract class NativeHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;
}

/// <summary>Owns one heap-allocated at::Tensor and keeps the live-tensor count.</summary>
internal sealed class TensorHandle : NativeHandle
{
    private static long live;

    /// <summary>Passed where the shim takes an optional tensor (a missing bias, say).</summary>
    internal static readonly TensorHandle Null = new();

    /// <summary>Tensors created and not yet released, across all threads.</summary>
    internal static long Live => Interlocked.Read(ref live);

    /// <summary>Counts this handle as live; called once it holds a valid tensor.</summary>
    internal void Track() => Interlocked.Increment(ref live);

    protected override bool ReleaseHandle()
    {
        NativeMethods.THSTensor_dispose(handle);
        Interlocked.Decrement(ref live);
        return true;
    }
}

internal sealed class OptimizerHandle : NativeHandle
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.THSOptim_dispose(handle);
        return true;
    }
}

internal sealed class GeneratorHandle : NativeHandle
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.THSGenerator_dispose(handle);
        return true;
    }
}

internal sealed class OutputArchiveHandle : NativeHandle
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.THSSerialize_output_dispose(handle);
        return true;
    }
}

internal sealed class InputArchiveHandle : NativeHandle
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.THSSerialize_input_dispose(handle);
        return true;
    }
}
