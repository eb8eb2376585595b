using Torch.Serialization;
using Torch.Modules;

namespace Torch;

/// <summary>Saving and loading one module's parameters and buffers.</summary>
public static class ModuleSerialization
{
    /// <summary>The module's parameters and buffers as archive bytes.</summary>
    public static byte[] ToBytes(this Module module)
    {
        using var writer = new ArchiveWriter();
        return writer.Write("module", module).ToArray();
    }

    /// <summary>Loads values saved by <see cref="ToBytes"/> into a module of the same architecture.</summary>
    public static void LoadBytes(this Module module, ReadOnlySpan<byte> bytes)
    {
        using var reader = ArchiveReader.FromBytes(bytes);
        reader.Read("module", module);
    }

    /// <summary>Saves the module to a file, atomically.</summary>
    public static void save(this Module module, string path)
    {
        using var writer = new ArchiveWriter();
        writer.Write("module", module).Save(path);
    }

    /// <summary>Loads a module saved by <see cref="save"/>.</summary>
    public static void load(this Module module, string path) => module.LoadBytes(File.ReadAllBytes(path));
}
