using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Gan.Core.Imaging;

public class PngEncoderTests
{
    private static List<(string type, byte[] data)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(crc, PngEncoder.Crc32(Encoding.ASCII.GetBytes(type), data));
            chunks.Add((type, data));
            offset += 12 + length;
        }
        return chunks;
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, PngEncoder.Crc32("123456789"u8, []));
    }

    [Fact]
    public void EncodeGray_writes_a_valid_png_whose_pixels_decode_back()
    {
        byte[] pixels = [0, 50, 100, 150, 200, 250];

        var png = PngEncoder.EncodeGray(pixels, width: 3, height: 2);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var chunks = Chunks(png);
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.type));
        var header = chunks[0].data;
        Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(header));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)));
        Assert.Equal(new byte[] { 8, 0, 0, 0, 0 }, header[8..]);
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(chunks[1].data), CompressionMode.Decompress))
            zlib.CopyTo(inflated);
        Assert.Equal(new byte[] { 0, 0, 50, 100, 0, 150, 200, 250 }, inflated.ToArray());
    }

    [Fact]
    public void EncodeGray_throws_when_the_size_does_not_fit()
    {
        Assert.Throws<ArgumentException>(() => PngEncoder.EncodeGray(new byte[5], 3, 2));
    }
}
