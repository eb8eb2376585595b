using Torch.Native;

namespace Torch;

public sealed partial class Tensor
{
    /// <summary>The same data in a new shape; one dimension may be -1. Copies only if it must.</summary>
    public unsafe Tensor reshape(params ReadOnlySpan<long> shape)
    {
        fixed (long* p = shape)
            return From(NativeMethods.THSTensor_reshape(Handle, p, shape.Length));
    }

    /// <summary>A view in a new shape; the tensor must be contiguous enough for one.</summary>
    public unsafe Tensor view(params ReadOnlySpan<long> shape)
    {
        fixed (long* p = shape)
            return From(NativeMethods.THSTensor_view(Handle, p, shape.Length));
    }

    /// <summary>A view of <paramref name="length"/> entries along <paramref name="dim"/>, from <paramref name="start"/>.</summary>
    public Tensor narrow(long dim, long start, long length) =>
        From(NativeMethods.THSTensor_narrow(Handle, dim, start, length));

    /// <summary>Gathers the entries at <paramref name="index"/> (int64) along <paramref name="dim"/>; a batch by indices.</summary>
    public Tensor index_select(long dim, Tensor index) =>
        From(NativeMethods.THSTensor_index_select(Handle, dim, index.Handle));

    /// <summary>Swaps two dimensions.</summary>
    public Tensor transpose(long dim0, long dim1) => From(NativeMethods.THSTensor_transpose(Handle, dim0, dim1));

    /// <summary>The transpose of a matrix.</summary>
    public Tensor t() => transpose(0, 1);

    /// <summary>Inserts a dimension of size one.</summary>
    public Tensor unsqueeze(long dim) => From(NativeMethods.THSTensor_unsqueeze(Handle, dim));

    /// <summary>Merges dimensions <paramref name="start_dim"/> to <paramref name="end_dim"/> into one.</summary>
    public Tensor flatten(long start_dim = 0, long end_dim = -1) =>
        From(NativeMethods.THSTensor_flatten(Handle, start_dim, end_dim));

    /// <summary>The data laid out contiguously (this tensor's data if it already is).</summary>
    public Tensor contiguous() => From(NativeMethods.THSTensor_contiguous(Handle));

    /// <summary>A copy with its own storage; gradients flow back to this tensor.</summary>
    public Tensor clone() => From(NativeMethods.THSTensor_clone(Handle));

    /// <summary>The values converted to another element type.</summary>
    public Tensor to(ScalarType type) => From(NativeMethods.THSTensor_to_type(Handle, (sbyte)type));

    /// <summary>The tensor on another device.</summary>
    public Tensor to(Device target) => From(NativeMethods.THSTensor_to_device(Handle, (int)target.Type, target.Index));

    /// <summary>The tensor on the CPU.</summary>
    public Tensor cpu() => to(Device.CPU);

    /// <summary>Copies <paramref name="source"/>'s values into this tensor (broadcasting, converting).</summary>
    public Tensor copy_(Tensor source)
    {
        NativeMethods.THSTensor_copy_(Handle, source.Handle);
        torch.CheckForErrors();
        return this;
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public Tensor fill_(double value)
    {
        NativeMethods.THSTensor_fill_(Handle, value);
        torch.CheckForErrors();
        return this;
    }

    /// <summary>Sets every element to zero.</summary>
    public Tensor zero_()
    {
        NativeMethods.THSTensor_zero_(Handle);
        torch.CheckForErrors();
        return this;
    }

    /// <summary>Points this tensor at <paramref name="data"/>'s storage, keeping its identity (how modules move between devices).</summary>
    internal void set_data(Tensor data)
    {
        NativeMethods.THSTensor_set_data(Handle, data.Handle);
        torch.CheckForErrors();
    }
}
