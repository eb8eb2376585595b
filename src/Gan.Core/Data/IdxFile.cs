using System.Buffers.Binary;
using System.IO.Compression;

namespace Gan.Core.Data;

/// <summary>An unsigned-byte array read from an IDX file: its dimensions and its elements, row-major.</summary>
public sealed record IdxArray(int[] Dimensions, byte[] Data);

/// <summary>
/// MNIST's IDX format: a zero word, a type byte (0x08 for unsigned bytes), a dimension count,
/// one big-endian 32-bit size per dimension, then the elements. Files may be gzip-compressed.
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads an IDX file, raw or gzip-compressed.</summary>
    /// <exception cref="GanException">The file is missing, truncated or corrupt; the message names it.</exception>
    public static IdxArray Read(string path)
    {
        if (!File.Exists(path))
            throw new GanException(GanErrorCode.MissingFile, $"{path}: no such file.");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
            if (bytes is [0x1f, 0x8b, ..])
                bytes = Gunzip(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new GanException(GanErrorCode.CorruptFile, $"{path}: corrupt gzip data ({e.Message}). Download or copy the file again.");
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses IDX bytes; <paramref name="source"/> names them in errors.</summary>
    /// <exception cref="GanException">The bytes are not a valid unsigned-byte IDX array.</exception>
    public static IdxArray Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 4)
            throw Corrupt(source, $"{bytes.Length} bytes is too short for an IDX header");
        if (bytes[0] != 0 || bytes[1] != 0)
            throw Corrupt(source, $"bad magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(bytes):x8}: not an IDX file");
        if (bytes[2] != UnsignedByte)
            throw Corrupt(source, $"element type 0x{bytes[2]:x2} is not supported (only unsigned bytes, 0x08)");
        int rank = bytes[3];
        if (rank is < 1 or > 4)
            throw Corrupt(source, $"{rank} dimensions is not a valid IDX rank (1 to 4)");
        var headerLength = 4 + 4 * rank;
        if (bytes.Length < headerLength)
            throw Corrupt(source, $"the header is truncated ({bytes.Length} of {headerLength} bytes)");
        var dimensions = new int[rank];
        long expected = 1;
        for (var i = 0; i < rank; i++)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(bytes[(4 + 4 * i)..]);
            if (size == 0 || size > int.MaxValue)
                throw Corrupt(source, $"dimension {i} has size {size}");
            dimensions[i] = (int)size;
            expected *= size;
        }
        var actual = bytes.Length - headerLength;
        if (actual < expected)
            throw Corrupt(source, $"truncated: the header promises {expected} bytes of data but the file holds {actual}");
        if (actual > expected)
            throw Corrupt(source, $"{actual - expected} unexpected bytes after the {expected} bytes of data");
        return new IdxArray(dimensions, bytes[headerLength..].ToArray());
    }

    /// <summary>Writes an unsigned-byte IDX file, gzip-compressed if the path ends in .gz.</summary>
    public static void Write(string path, IdxArray array)
    {
        using var file = File.Create(path);
        Write(file, array, Compressed(path));
    }

    /// <summary>Whether a file of this name is written gzip-compressed.</summary>
    public static bool Compressed(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes an unsigned-byte IDX array into <paramref name="file"/>, gzip-compressed if asked; the stream stays open.</summary>
    public static void Write(Stream file, IdxArray array, bool compress)
    {
        if (!compress)
        {
            WriteRaw(file, array);
            return;
        }
        using var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
        WriteRaw(gzip, array);
    }

    private static void WriteRaw(Stream output, IdxArray array)
    {
        Span<byte> word = stackalloc byte[4];
        output.Write([0, 0, UnsignedByte, (byte)array.Dimensions.Length]);
        foreach (var size in array.Dimensions)
        {
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)size);
            output.Write(word);
        }
        output.Write(array.Data);
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static GanException Corrupt(string source, string problem) =>
        new(GanErrorCode.CorruptFile, $"{source}: {problem}. Download or copy the file again.");
}
