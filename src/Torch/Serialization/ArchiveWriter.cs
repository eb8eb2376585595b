using Torch.Modules;
using Torch.Native;
using Torch.Optimizers;

namespace Torch.Serialization;

/// <summary>
/// Collects named tensors, modules and optimizer states into one libtorch archive, as bytes
/// (checkpoints go into a database) or a file.
/// </summary>
public sealed class ArchiveWriter : IDisposable
{
    private readonly OutputArchiveHandle handle;

    /// <summary>An empty archive.</summary>
    public ArchiveWriter()
    {
        handle = NativeMethods.THSSerialize_output_new();
        torch.CheckForErrors(nameof(ArchiveWriter));
    }

    /// <summary>Adds one tensor.</summary>
    public ArchiveWriter Write(string name, Tensor tensor)
    {
        NativeMethods.THSSerialize_output_write_tensor(handle, ArchiveKeys.Escape(name), tensor.Handle);
        torch.CheckForErrors();
        return this;
    }

    /// <summary>Adds a module's parameters and buffers, named <c>prefix.tensor</c>.</summary>
    public ArchiveWriter Write(string prefix, Module module)
    {
        foreach (var (name, tensor) in module.state_dict())
            Write(prefix + "." + name, tensor);
        return this;
    }

    /// <summary>Adds an optimizer's whole state.</summary>
    public ArchiveWriter Write(string name, Optimizer optimizer)
    {
        NativeMethods.THSSerialize_output_write_optimizer(handle, ArchiveKeys.Escape(name), optimizer.Handle);
        torch.CheckForErrors();
        return this;
    }

    /// <summary>The archive's bytes.</summary>
    public unsafe byte[] ToArray()
    {
        var length = NativeMethods.THSSerialize_output_finish(handle);
        torch.CheckForErrors();
        var bytes = new byte[length];
        fixed (byte* p = bytes)
            NativeMethods.THSSerialize_output_copy(handle, p, length);
        torch.CheckForErrors();
        return bytes;
    }

    /// <summary>Writes the archive to <paramref name="path"/> atomically: a crash leaves the old file or the new one, never half of one.</summary>
    public void Save(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, ToArray());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Frees the native archive.</summary>
    public void Dispose() => handle.Dispose();
}
