using Torch.Native;
using Torch.Serialization;

namespace Torch.Optimizers;

/// <summary>One of libtorch's optimizers, over a fixed list of parameters.</summary>
public abstract class Optimizer : IDisposable
{
    private readonly Tensor[] parameters;

    private protected unsafe Optimizer(IEnumerable<Tensor> parameters, Create create, string name)
    {
        this.parameters = parameters.ToArray();
        if (this.parameters.Length == 0)
            throw new ArgumentException("An optimizer needs at least one parameter.", nameof(parameters));
        var raw = torch.RawHandles(this.parameters);
        fixed (IntPtr* p = raw)
            Handle = create(p, raw.Length);
        if (Handle.IsInvalid)
            torch.CheckForErrors(name);
    }

    private protected unsafe delegate OptimizerHandle Create(IntPtr* parameters, int count);

    internal OptimizerHandle Handle { get; }

    /// <summary>The learning rate; it may change between steps (a schedule).</summary>
    public double lr
    {
        get
        {
            var value = NativeMethods.THSOptim_get_lr(Handle);
            torch.CheckForErrors();
            return value;
        }
        set
        {
            if (!(value >= 0))
                throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be zero or more.");
            NativeMethods.THSOptim_set_lr(Handle, value);
            torch.CheckForErrors();
        }
    }

    /// <summary>Updates the parameters from their gradients.</summary>
    public void step()
    {
        NativeMethods.THSOptim_step(Handle);
        torch.CheckForErrors();
    }

    /// <summary>Drops the parameters' gradients (set to none).</summary>
    public void zero_grad()
    {
        NativeMethods.THSOptim_zero_grad(Handle);
        torch.CheckForErrors();
    }

    /// <summary>The optimizer's state (moment estimates, step counts, options) as bytes.</summary>
    public byte[] state_bytes()
    {
        using var writer = new ArchiveWriter();
        writer.Write("optimizer", this);
        return writer.ToArray();
    }

    /// <summary>Restores state taken by <see cref="state_bytes"/> from an optimizer over the same parameters.</summary>
    public void load_state_bytes(byte[] state)
    {
        using var reader = ArchiveReader.FromBytes(state);
        reader.Read("optimizer", this);
    }

    /// <summary>Frees the native optimizer and its state.</summary>
    public void Dispose()
    {
        Handle.Dispose();
        GC.SuppressFinalize(this);
    }
}
