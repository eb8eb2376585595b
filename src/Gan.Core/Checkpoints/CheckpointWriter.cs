using System.IO.Compression;
using System.Text.Json;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace Gan.Core.Checkpoints;

/// <summary>
/// Builds a checkpoint: a zip archive of named entries (networks and optimizer states in
/// TorchSharp's own format, tensors, and small JSON records), held in memory because
/// checkpoints go into a database. The first entry marks the format, so a reader can tell a
/// checkpoint of this kind from anything else, older checkpoints included.
/// </summary>
public sealed class CheckpointWriter : IDisposable
{
    private readonly MemoryStream buffer = new();
    private readonly ZipArchive archive;

    /// <summary>An empty checkpoint.</summary>
    public CheckpointWriter()
    {
        archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true);
        Entry(CheckpointFormat.MarkerEntry, stream => stream.Write(CheckpointFormat.Marker));
    }

    /// <summary>Adds a network's parameters and buffers.</summary>
    public CheckpointWriter Write(string name, nn.Module module) => Entry(name, stream => module.save(stream));

    /// <summary>Adds an optimizer's whole state (its moments and step counts).</summary>
    public CheckpointWriter Write(string name, OptimizerHelper optimizer) =>
        Entry(name, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            optimizer.save_state_dict(writer);
        });

    /// <summary>Adds one tensor.</summary>
    public CheckpointWriter Write(string name, Tensor tensor) => Entry(name, stream => tensor.Save(stream));

    /// <summary>Adds a small record as JSON.</summary>
    public CheckpointWriter WriteJson<T>(string name, T value) => Entry(name, stream => JsonSerializer.Serialize(stream, value));

    /// <summary>The finished checkpoint.</summary>
    public byte[] ToArray()
    {
        archive.Dispose();
        return buffer.ToArray();
    }

    /// <summary>Frees the buffer.</summary>
    public void Dispose()
    {
        archive.Dispose();
        buffer.Dispose();
    }

    private CheckpointWriter Entry(string name, Action<Stream> write)
    {
        // Weights compress poorly; storing them keeps checkpoints fast to write at every epoch.
        using var stream = archive.CreateEntry(name, CompressionLevel.NoCompression).Open();
        write(stream);
        return this;
    }
}
