using static TorchSharp.torch;

namespace Gan.Core.Imaging;

/// <summary>
/// A grey PNG of 1-D samples: a white histogram of the generated values over the real normal
/// density drawn in mid-grey, on mean ± 4 std of the real data.
/// </summary>
public static class Histogram
{
    private const int Width = 200, Height = 100, Bins = 100;
    private const byte Real = 128, Generated = 255;

    /// <summary>The picture of <paramref name="samples"/> against N(<paramref name="mean"/>, <paramref name="std"/>²).</summary>
    public static byte[] ToPng(Tensor samples, double mean, double std)
    {
        double low = mean - 4 * std, binWidth = 8 * std / Bins;
        var counts = new double[Bins];
        using (var host = samples.detach().to(float64).flatten().cpu())
            foreach (var value in host.data<double>())
            {
                var bin = (int)Math.Floor((value - low) / binWidth);
                if (bin is >= 0 and < Bins)
                    counts[bin]++;
            }
        var total = Math.Max(1, samples.shape[0]);
        var density = Enumerable.Range(0, Bins).Select(b =>
        {
            var z = (low + (b + 0.5) * binWidth - mean) / std;
            return Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI) * binWidth / std;
        }).ToArray();
        // Both curves share one scale, so a generator that matches the data fills the grey exactly.
        var top = Math.Max(density.Max(), counts.Max() / total);
        var pixels = new byte[Width * Height];
        for (var b = 0; b < Bins; b++)
        {
            Fill(pixels, b, density[b] / top, Real);
            Fill(pixels, b, counts[b] / total / top, Generated, outline: true);
        }
        return PngEncoder.EncodeGray(pixels, Width, Height);
    }

    private static void Fill(byte[] pixels, int bin, double height, byte shade, bool outline = false)
    {
        var rows = (int)Math.Round(height * (Height - 1));
        int x0 = bin * Width / Bins, x1 = (bin + 1) * Width / Bins;
        for (var x = x0; x < x1; x++)
            for (var y = Height - rows; y < Height; y++)
                if (!outline || y == Height - rows || x == x0)
                    pixels[y * Width + x] = shade;
    }
}
