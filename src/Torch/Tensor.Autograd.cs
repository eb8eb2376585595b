using Torch.Native;

namespace Torch;

public sealed partial class Tensor
{
    /// <summary>Whether autograd records operations on this tensor.</summary>
    public bool requires_grad
    {
        get
        {
            var value = NativeMethods.THSAutograd_requires_grad(Handle);
            torch.CheckForErrors();
            return value;
        }
        set
        {
            NativeMethods.THSAutograd_set_requires_grad(Handle, value);
            torch.CheckForErrors();
        }
    }

    /// <summary>Sets <see cref="requires_grad"/> and returns this tensor.</summary>
    public Tensor requires_grad_(bool value = true)
    {
        requires_grad = value;
        return this;
    }

    /// <summary>The accumulated gradient, or null if none has been computed. Each read is a new handle to it.</summary>
    public Tensor? grad
    {
        get
        {
            var handle = NativeMethods.THSAutograd_grad(Handle);
            if (handle.IsInvalid)
            {
                torch.CheckForErrors();
                return null;
            }
            return new Tensor(handle);
        }
    }

    /// <summary>Back-propagates from this scalar into the gradients of the leaves.</summary>
    public void backward(Tensor? gradient = null, bool retain_graph = false)
    {
        NativeMethods.THSAutograd_backward(Handle, gradient?.Handle ?? TensorHandle.Null, retain_graph);
        torch.CheckForErrors();
    }

    /// <summary>Drops the gradient (sets it to none).</summary>
    public void clear_grad()
    {
        NativeMethods.THSAutograd_clear_grad(Handle);
        torch.CheckForErrors();
    }

    /// <summary>The same data, cut off from the autograd graph.</summary>
    public Tensor detach() => From(NativeMethods.THSAutograd_detach(Handle));
}
