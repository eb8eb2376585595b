using static TorchSharp.torch;

namespace Gan.Core.Imaging;

/// <summary>Lays images out in a grid and encodes it as PNG.</summary>
public static class SampleGrid
{
    /// <summary>Pixels between images.</summary>
    public const int Padding = 2;

    /// <summary>The largest side an image has in a grid: larger ones are shown as thumbnails, so a grid of 128×128 images stays small.</summary>
    public const int MaxSide = 64;

    /// <summary>
    /// A <paramref name="columns"/>-wide grid of images [N, C, H, W] (C = 1 or 3) with values in
    /// [−1, 1] (clamped), on a black background, as PNG bytes. Images larger than
    /// <see cref="MaxSide"/> are averaged down to it.
    /// </summary>
    public static byte[] ToPng(Tensor images, int columns = 10)
    {
        if (images.shape is not [_, 1 or 3, _, _])
            throw new ArgumentException($"Expected images [N, 1 or 3, H, W], got [{string.Join(", ", images.shape)}].", nameof(images));
        using var shown = images.shape[2] > MaxSide || images.shape[3] > MaxSide
            ? nn.functional.adaptive_avg_pool2d(images.detach(), [Math.Min(MaxSide, images.shape[2]), Math.Min(MaxSide, images.shape[3])])
            : images.alias();
        var (count, channels, h, w) = ((int)shown.shape[0], (int)shown.shape[1], (int)shown.shape[2], (int)shown.shape[3]);
        var pixels = ToBytes(shown);
        var rows = (count + columns - 1) / columns;
        int gridWidth = columns * (w + Padding) + Padding, gridHeight = rows * (h + Padding) + Padding;
        var grid = new byte[channels * gridWidth * gridHeight];
        for (var i = 0; i < count; i++)
        {
            int top = Padding + i / columns * (h + Padding), left = Padding + i % columns * (w + Padding);
            for (var c = 0; c < channels; c++)
                for (var y = 0; y < h; y++)
                    pixels.AsSpan(((i * channels + c) * h + y) * w, w).CopyTo(grid.AsSpan((c * gridHeight + top + y) * gridWidth + left, w));
        }
        return PngEncoder.EncodePlanes(grid, gridWidth, gridHeight, channels);
    }

    /// <summary>Images in [−1, 1] as bytes 0…255, row-major, on the host.</summary>
    public static byte[] ToBytes(Tensor images)
    {
        using var scope = NewDisposeScope();
        var scaled = ((images.detach().clamp(-1, 1) + 1.0) * 127.5 + 0.5).clamp(0, 255).to(uint8).cpu();
        return scaled.data<byte>().ToArray();
    }
}
