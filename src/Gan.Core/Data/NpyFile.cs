using System.Text;

namespace Gan.Core.Data;

/// <summary>
/// NumPy's .npy format (version 1.0), for one unsigned-byte array: the magic string, the version,
/// a little-endian header length, then a header dictionary (dtype, order, shape) padded with spaces
/// to a multiple of 64 bytes, then the elements, row-major. <c>numpy.load</c> reads it.
/// </summary>
public static class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    /// <summary>Whether <paramref name="path"/> names a .npy file.</summary>
    public static bool Is(string path) => path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes <paramref name="array"/> to <paramref name="file"/> as a uint8 array of its dimensions.</summary>
    public static void Write(Stream file, IdxArray array)
    {
        // A one-dimensional shape needs its trailing comma, as a Python tuple does.
        var shape = array.Dimensions.Length == 1 ? $"({array.Dimensions[0]},)" : $"({string.Join(", ", array.Dimensions)})";
        var header = $"{{'descr': '|u1', 'fortran_order': False, 'shape': {shape}, }}";
        // The magic, the version and the 2-byte length come first; the header ends in a newline.
        var unpadded = Magic.Length + 2 + header.Length + 1;
        var padded = header + new string(' ', (64 - unpadded % 64) % 64) + "\n";
        file.Write(Magic);
        file.Write([(byte)(padded.Length & 0xff), (byte)(padded.Length >> 8)]);
        file.Write(Encoding.ASCII.GetBytes(padded));
        file.Write(array.Data);
    }
}
