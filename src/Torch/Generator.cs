using Torch.Native;

namespace Torch;

/// <summary>A random generator on the CPU with its own seed and state, independent of the default one.</summary>
public sealed class Generator : IDisposable
{
    /// <summary>A generator seeded with <paramref name="seed"/>.</summary>
    public Generator(ulong seed) : this(NativeMethods.THSGenerator_new_cpu(seed))
    {
    }

    private Generator(GeneratorHandle handle)
    {
        torch.CheckForErrors(nameof(Generator));
        Handle = handle;
    }

    internal GeneratorHandle Handle { get; }

    /// <summary>The process-wide default CPU generator, which <see cref="torch.manual_seed"/> seeds.</summary>
    public static Generator Default() => new(NativeMethods.THSGenerator_default_cpu());

    /// <summary>The generator's full state, as a uint8 tensor (to store in a checkpoint).</summary>
    public Tensor get_state() => Tensor.From(NativeMethods.THSGenerator_get_state(Handle));

    /// <summary>Restores a state taken by <see cref="get_state"/>.</summary>
    public void set_state(Tensor state)
    {
        NativeMethods.THSGenerator_set_state(Handle, state.Handle);
        torch.CheckForErrors();
    }

    /// <summary>Frees the native generator.</summary>
    public void Dispose() => Handle.Dispose();
}
