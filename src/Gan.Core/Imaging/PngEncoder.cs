using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Gan.Core.Imaging;

/// <summary>
/// Encodes 8-bit grey or RGB images as PNG (signature, IHDR, one zlib IDAT, IEND): a few lines
/// that need no native library in the processes that only write pictures.
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Encodes <paramref name="pixels"/> (row-major, 0 = black) as a greyscale PNG.</summary>
    public static byte[] EncodeGray(ReadOnlySpan<byte> pixels, int width, int height) => Encode(pixels, width, height, 1);

    /// <summary>Encodes an image of one channel (grey) or three (RGB, interleaved), row-major, as PNG.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (width < 1 || height < 1 || channels is not (1 or 3) || pixels.Length != width * height * channels)
            throw new ArgumentException($"{pixels.Length} bytes do not make a {width}×{height} image of {channels} channel(s).", nameof(pixels));
        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;   // bit depth
        header[9] = channels == 1 ? (byte)0 : (byte)2;   // greyscale, or truecolour
        WriteChunk(output, "IHDR", header);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            for (var row = 0; row < height; row++)
            {
                zlib.WriteByte(0);   // filter: none
                zlib.Write(pixels.Slice(row * width * channels, width * channels));
            }
        WriteChunk(output, "IDAT", compressed.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>Encodes an image stored as planes (all of the red, then green, then blue; as tensors hold it) as PNG.</summary>
    public static byte[] EncodePlanes(ReadOnlySpan<byte> planes, int width, int height, int channels) =>
        Encode(Interleave(planes, channels), width, height, channels);

    /// <summary>Planes (channels first) as interleaved pixels (channels last), as image files and NumPy's image arrays hold them.</summary>
    public static byte[] Interleave(ReadOnlySpan<byte> planes, int channels)
    {
        var interleaved = new byte[planes.Length];
        var pixels = planes.Length / channels;
        for (var p = 0; p < pixels; p++)
            for (var c = 0; c < channels; c++)
                interleaved[p * channels + c] = planes[c * pixels + p];
        return interleaved;
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeBytes, data));
        output.Write(word);
    }

    internal static uint Crc32(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in first)
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        foreach (var b in second)
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
