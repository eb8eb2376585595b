using static TorchSharp.torch;

namespace Gan.Core.Imaging;

/// <summary>Lays images out in a grid and encodes it as PNG.</summary>
public static class SampleGrid
{
    /// <summary>Pixels between images.</summary>
    public const int Padding = 2;

    /// <summary>
    /// A <paramref name="columns"/>-wide grid of images [N, 1, H, W] with values in [−1, 1]
    /// (clamped), on a black background, as PNG bytes.
    /// </summary>
    public static byte[] ToPng(Tensor images, int columns = 10)
    {
        var shape = images.shape;
        if (shape is not [var count, 1, var height, var width])
            throw new ArgumentException($"Expected images [N, 1, H, W], got [{string.Join(", ", shape)}].", nameof(images));
        var pixels = ToBytes(images);
        var rows = (int)((count + columns - 1) / columns);
        int h = (int)height, w = (int)width;
        int gridWidth = columns * (w + Padding) + Padding, gridHeight = rows * (h + Padding) + Padding;
        var grid = new byte[gridWidth * gridHeight];
        for (var i = 0; i < count; i++)
        {
            int top = Padding + i / columns * (h + Padding), left = Padding + i % columns * (w + Padding);
            for (var y = 0; y < h; y++)
                pixels.AsSpan((i * h + y) * w, w).CopyTo(grid.AsSpan((top + y) * gridWidth + left, w));
        }
        return PngEncoder.EncodeGray(grid, gridWidth, gridHeight);
    }

    /// <summary>Images in [−1, 1] as bytes 0…255, row-major, on the host.</summary>
    public static byte[] ToBytes(Tensor images)
    {
        using var scope = NewDisposeScope();
        var scaled = ((images.detach().clamp(-1, 1) + 1.0) * 127.5 + 0.5).clamp(0, 255).to(uint8).cpu();
        return scaled.data<byte>().ToArray();
    }
}
