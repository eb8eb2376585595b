using Torch.Native;

namespace Torch;

public static partial class torch
{
    /// <summary>Seeds the default generators of the CPU and of every CUDA device.</summary>
    public static void manual_seed(ulong seed)
    {
        NativeMethods.THSGenerator_manual_seed(seed);
        CheckForErrors();
    }

    /// <summary>Uniform samples in [0, 1), from <paramref name="generator"/> or the default one.</summary>
    public static unsafe Tensor rand(ReadOnlySpan<long> shape, Generator? generator = null, ScalarType dtype = float32, Device? device = null)
    {
        var dims = shape.ToArray();
        return Draw(generator, device, (g, on) =>
        {
            fixed (long* s = dims)
                return NativeMethods.THSGenerator_rand(s, dims.Length, g, (sbyte)dtype, (int)on.Type, on.Index);
        });
    }

    /// <summary>Standard normal samples, from <paramref name="generator"/> or the default one.</summary>
    public static unsafe Tensor randn(ReadOnlySpan<long> shape, Generator? generator = null, ScalarType dtype = float32, Device? device = null)
    {
        var dims = shape.ToArray();
        return Draw(generator, device, (g, on) =>
        {
            fixed (long* s = dims)
                return NativeMethods.THSGenerator_randn(s, dims.Length, g, (sbyte)dtype, (int)on.Type, on.Index);
        });
    }

    /// <summary>A random permutation of 0 … n−1 (int64).</summary>
    public static Tensor randperm(long n, Generator? generator = null, Device? device = null) =>
        Draw(generator, device, (g, on) => NativeMethods.THSGenerator_randperm(n, g, (int)on.Type, on.Index));

    /// <summary>
    /// Draws with <paramref name="generator"/> (or the default one) onto <paramref name="device"/>.
    /// A CPU generator cannot drive sampling on a GPU, so then it samples on the host and moves.
    /// </summary>
    private static Tensor Draw(Generator? generator, Device? device, Func<IntPtr, Device, TensorHandle> draw,
        [System.Runtime.CompilerServices.CallerMemberName] string operation = "")
    {
        var target = device ?? Device.CPU;
        var onHost = generator is not null && target.Type != DeviceType.CPU;
        var result = Tensor.From(draw(generator?.Handle.DangerousGetHandle() ?? IntPtr.Zero, onHost ? Device.CPU : target), operation);
        GC.KeepAlive(generator);
        if (!onHost)
            return result;
        using (result)
            return result.to(target);
    }
}
