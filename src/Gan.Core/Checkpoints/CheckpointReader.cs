using System.IO.Compression;
using System.Text;
using System.Text.Json;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gan.Core.Checkpoints;

/// <summary>Reads what <see cref="CheckpointWriter"/> wrote, and refuses anything else with an error that says what it is.</summary>
public sealed class CheckpointReader : IDisposable
{
    private readonly ZipArchive archive;

    private CheckpointReader(ZipArchive archive) => this.archive = archive;

    /// <summary>Opens a checkpoint.</summary>
    /// <exception cref="GanException">Not a checkpoint, or one written by the old libtorch binding (the message says what to do).</exception>
    public static CheckpointReader FromBytes(byte[] bytes)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw new GanException(GanErrorCode.IncompatibleCheckpoint, $"The checkpoint ({bytes.Length} bytes) is not a checkpoint: it is not a zip archive. It is damaged; train the trial again.");
        }
        var marker = archive.GetEntry(CheckpointFormat.MarkerEntry);
        if (marker is null)
        {
            var old = archive.Entries.Any(e => e.FullName.EndsWith("data.pkl", StringComparison.Ordinal));
            archive.Dispose();
            throw old
                ? new GanException(GanErrorCode.OutdatedCheckpoint, CheckpointFormat.OldBindingAdvice)
                : new GanException(GanErrorCode.IncompatibleCheckpoint, "The checkpoint is a zip archive but not one of sweep's checkpoints.");
        }
        var reader = new CheckpointReader(archive);
        var found = reader.Bytes(CheckpointFormat.MarkerEntry);
        if (!found.AsSpan().SequenceEqual(CheckpointFormat.Marker))
        {
            reader.Dispose();
            throw new GanException(GanErrorCode.IncompatibleCheckpoint,
                $"The checkpoint's format is '{Encoding.UTF8.GetString(found)}', not '{Encoding.UTF8.GetString(CheckpointFormat.Marker)}': a newer sweep wrote it. Use that version.");
        }
        return reader;
    }

    /// <summary>Whether an entry exists.</summary>
    public bool Has(string name) => archive.GetEntry(name) is not null;

    /// <summary>
    /// A network's parameters and buffers by name, on the CPU, as <c>nn.Module.save</c> wrote
    /// them: a LEB128 count, then each name and tensor. The caller disposes the tensors.
    /// </summary>
    /// <exception cref="GanException">The entry is missing or damaged.</exception>
    public Dictionary<string, Tensor> ReadState(string name)
    {
        var state = new Dictionary<string, Tensor>();
        Load(name, stream =>
        {
            using var reader = new BinaryReader(stream);
            for (var count = ReadCount(reader); count > 0; count--)
            {
                var key = reader.ReadString();
                state[key] = Tensor.Load(reader);
            }
        });
        return state;
    }

    /// <summary>Loads an optimizer's state.</summary>
    /// <exception cref="GanException">The entry is missing or holds another optimizer's state.</exception>
    public void Read(string name, OptimizerHelper optimizer) =>
        Load(name, stream =>
        {
            using var reader = new BinaryReader(stream);
            optimizer.load_state_dict(reader);
        });

    /// <summary>Loads a tensor onto the CPU.</summary>
    /// <exception cref="GanException">The entry is missing or damaged.</exception>
    public Tensor ReadTensor(string name)
    {
        Tensor? tensor = null;
        Load(name, stream => tensor = Tensor.Load(stream));
        return tensor!;
    }

    /// <summary>Reads a JSON record.</summary>
    /// <exception cref="GanException">The entry is missing or damaged.</exception>
    public T ReadJson<T>(string name)
    {
        T? value = default;
        Load(name, stream => value = JsonSerializer.Deserialize<T>(stream));
        return value ?? throw new GanException(GanErrorCode.IncompatibleCheckpoint, $"The checkpoint's entry '{name}' is empty.");
    }

    /// <summary>Closes the archive.</summary>
    public void Dispose() => archive.Dispose();

    private byte[] Bytes(string name)
    {
        var entry = archive.GetEntry(name) ?? throw new GanException(GanErrorCode.IncompatibleCheckpoint, $"The checkpoint has no entry '{name}'.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // TorchSharp's count prefix: LEB128, seven bits a byte, low bits first.
    private static long ReadCount(BinaryReader reader)
    {
        long count = 0;
        for (var shift = 0; ; shift += 7)
        {
            var part = reader.ReadByte();
            count |= (long)(part & 0x7F) << shift;
            if (part < 0x80)
                return count;
            if (shift > 56)
                throw new InvalidDataException("the entry's count is malformed.");
        }
    }

    private void Load(string name, Action<Stream> read)
    {
        // TorchSharp's readers want a seekable stream; entries are small enough to copy.
        using var stream = new MemoryStream(Bytes(name), writable: false);
        try
        {
            read(stream);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException or IOException or JsonException or InvalidOperationException or NotImplementedException)
        {
            throw new GanException(GanErrorCode.IncompatibleCheckpoint, $"The checkpoint's entry '{name}' does not fit: {e.Message}");
        }
    }
}
