using SkiaSharp;

namespace Gan.Core.Data;

/// <summary>
/// Decodes one image file with SkiaSharp (PNG, JPEG, BMP, GIF's first frame, WebP, ICO) and
/// brings it to a square of a given side as torchvision does: the shorter side scaled to the
/// side, the centre cropped. Transparent pixels are composited on black, grey images give three
/// equal channels, and one channel is the luma of three (ITU-R 601, as Pillow's "L").
/// </summary>
public static class ImageDecoder
{
    /// <summary>What a file's header says, read without decoding its pixels; null if SkiaSharp cannot read it.</summary>
    public static ImageHeader? ReadHeader(string path)
    {
        using var codec = SKCodec.Create(path);
        return codec is null ? null : new ImageHeader(codec.Info.Width, codec.Info.Height, codec.Info.ColorType == SKColorType.Gray8);
    }

    /// <summary>
    /// Decodes <paramref name="path"/> into <paramref name="destination"/> as <paramref name="channels"/>
    /// planes of <paramref name="side"/>×<paramref name="side"/> bytes; false if the file is corrupt,
    /// truncated or smaller than the side.
    /// </summary>
    public static bool TryDecode(string path, int side, int channels, Span<byte> destination)
    {
        using var codec = SKCodec.Create(path);
        if (codec is null)
            return false;
        // JPEG decodes at 1/2, 1/4 or 1/8 scale almost for free; take the smallest that keeps the shorter side at least the target.
        var full = codec.Info;
        var size = new SKSizeI(full.Width, full.Height);
        foreach (var scale in new[] { 0.125f, 0.25f, 0.5f })
        {
            var scaled = codec.GetScaledDimensions(scale);
            if (Math.Min(scaled.Width, scaled.Height) >= side)
            {
                size = scaled;
                break;
            }
        }
        if (Math.Min(size.Width, size.Height) < side)
            return false;
        // Premultiplied RGBA is the colour composited on black.
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        if (codec.GetPixels(info, decoded.GetPixels()) != SKCodecResult.Success)
            return false;
        using var square = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Premul));
        var shorter = Math.Min(size.Width, size.Height);
        var crop = SKRect.Create((size.Width - shorter) / 2, (size.Height - shorter) / 2, shorter, shorter);
        using (var image = SKImage.FromBitmap(decoded))
        using (var canvas = new SKCanvas(square))
        {
            canvas.Clear(SKColors.Black);
            // Mipmapped sampling averages every source pixel into the smaller image; plain bilinear or cubic alias when shrinking far.
            canvas.DrawImage(image, crop, SKRect.Create(0, 0, side, side), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), null);
        }
        WritePlanes(square.GetPixelSpan(), side * side, channels, destination);
        return true;
    }

    /// <summary>The grey level of a colour: ITU-R 601 luma, rounded, as Pillow converts to "L".</summary>
    public static byte Luma(int red, int green, int blue) => (byte)((red * 299 + green * 587 + blue * 114 + 500) / 1000);

    private static void WritePlanes(ReadOnlySpan<byte> rgba, int pixels, int channels, Span<byte> destination)
    {
        for (var p = 0; p < pixels; p++)
        {
            int r = rgba[4 * p], g = rgba[4 * p + 1], b = rgba[4 * p + 2];
            if (channels == 1)
                destination[p] = Luma(r, g, b);
            else
            {
                destination[p] = (byte)r;
                destination[pixels + p] = (byte)g;
                destination[2 * pixels + p] = (byte)b;
            }
        }
    }
}

/// <summary>An image file's size and whether it is stored as grey, from its header.</summary>
public sealed record ImageHeader(int Width, int Height, bool Grey);
