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
    public static unsafe Tensor rand(ReadOnlySpan<long> shape, Generator? generator = null, ScalarType dtype = float32, Device? device = null) =>
        Sample(shape, generator, dtype, device, static (s, n, g, t, dt, di) => NativeMethods.THSGenerator_rand(s, n, g, t, dt, di));

    /// <summary>Standard normal samples, from <paramref name="generator"/> or the default one.</summary>
    public static unsafe Tensor randn(ReadOnlySpan<long> shape, Generator? generator = null, ScalarType dtype = float32, Device? device = null) =>
        Sample(shape, generator, dtype, device, static (s, n, g, t, dt, di) => NativeMethods.THSGenerator_randn(s, n, g, t, dt, di));

    /// <summary>A random permutation of 0 … n−1 (int64).</summary>
    public static Tensor randperm(long n, Generator? generator = null, Device? device = null)
    {
        // A CPU generator cannot drive sampling on a GPU; sample on the host and move.
        var target = device ?? Device.CPU;
        var onHost = generator is not null && target.Type != DeviceType.CPU;
        var sampleOn = onHost ? Device.CPU : target;
        var result = Tensor.From(NativeMethods.THSGenerator_randperm(n, RawGenerator(generator), (int)sampleOn.Type, sampleOn.Index));
        GC.KeepAlive(generator);
        return onHost ? MoveAndFree(result, target) : result;
    }

    private unsafe delegate TensorHandle Sampler(long* shape, int ndim, IntPtr generator, sbyte dtype, int deviceType, int deviceIndex);

    private static unsafe Tensor Sample(ReadOnlySpan<long> shape, Generator? generator, ScalarType dtype, Device? device, Sampler sampler)
    {
        var target = device ?? Device.CPU;
        var onHost = generator is not null && target.Type != DeviceType.CPU;
        var sampleOn = onHost ? Device.CPU : target;
        Tensor result;
        fixed (long* s = shape)
            result = Tensor.From(sampler(s, shape.Length, RawGenerator(generator), (sbyte)dtype, (int)sampleOn.Type, sampleOn.Index), "random");
        GC.KeepAlive(generator);
        return onHost ? MoveAndFree(result, target) : result;
    }

    private static IntPtr RawGenerator(Generator? generator) => generator?.Handle.DangerousGetHandle() ?? IntPtr.Zero;

    private static Tensor MoveAndFree(Tensor hostTensor, Device target)
    {
        using (hostTensor)
            return hostTensor.to(target);
    }
}
