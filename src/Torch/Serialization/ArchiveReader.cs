using Torch.Modules;
using Torch.Native;
using Torch.Optimizers;

namespace Torch.Serialization;

/// <summary>Reads what an <see cref="ArchiveWriter"/> wrote.</summary>
public sealed class ArchiveReader : IDisposable
{
    private readonly InputArchiveHandle handle;

    private ArchiveReader(InputArchiveHandle handle)
    {
        this.handle = handle;
    }

    /// <summary>Opens archive bytes; tensors are placed on <paramref name="device"/> (the CPU by default).</summary>
    /// <exception cref="TorchException">The bytes are not an archive.</exception>
    public static unsafe ArchiveReader FromBytes(ReadOnlySpan<byte> bytes, Device? device = null)
    {
        var target = device ?? Device.CPU;
        InputArchiveHandle handle;
        fixed (byte* p = bytes)
            handle = NativeMethods.THSSerialize_input_from_bytes(p, bytes.Length, (int)target.Type, target.Index);
        if (handle.IsInvalid)
            torch.CheckForErrors("load");
        return new ArchiveReader(handle);
    }

    /// <summary>Opens an archive file.</summary>
    public static ArchiveReader FromFile(string path, Device? device = null) => FromBytes(File.ReadAllBytes(path), device);

    /// <summary>The named tensor.</summary>
    /// <exception cref="KeyNotFoundException">The archive has no tensor by that name.</exception>
    public Tensor Read(string name) =>
        TryRead(name) ?? throw new KeyNotFoundException($"The archive has no tensor '{name}'.");

    /// <summary>The named tensor, or null if the archive has none by that name.</summary>
    public Tensor? TryRead(string name)
    {
        var tensor = NativeMethods.THSSerialize_input_read_tensor(handle, ArchiveKeys.Escape(name));
        if (!tensor.IsInvalid)
            return new Tensor(tensor);
        torch.CheckForErrors("read");
        return null;
    }

    /// <summary>
    /// Copies the tensors named <c>prefix.tensor</c> into <paramref name="module"/>. All must be
    /// present with matching shapes, or the module is left unchanged.
    /// </summary>
    public void Read(string prefix, Module module)
    {
        var values = new Dictionary<string, Tensor>();
        try
        {
            foreach (var (name, _) in module.state_dict())
                values[name] = Read(prefix + "." + name);
            module.load_state_dict(values);
        }
        finally
        {
            foreach (var value in values.Values)
                value.Dispose();
        }
    }

    /// <summary>Restores an optimizer's state into one built over the same parameters.</summary>
    /// <exception cref="KeyNotFoundException">The archive has no optimizer state by that name.</exception>
    public void Read(string name, Optimizer optimizer)
    {
        var found = NativeMethods.THSSerialize_input_read_optimizer(handle, ArchiveKeys.Escape(name), optimizer.Handle);
        torch.CheckForErrors("read");
        if (!found)
            throw new KeyNotFoundException($"The archive has no optimizer state '{name}'.");
    }

    /// <summary>Frees the native archive.</summary>
    public void Dispose() => handle.Dispose();
}
