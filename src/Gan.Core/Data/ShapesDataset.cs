using Gan.Core.Models;

namespace Gan.Core.Data;

/// <summary>
/// The colour dataset that ships with sweep as a generator rather than files: 10,000 images of
/// ten kinds of shape (the labels) in bright colours, at random places and sizes, on dark noisy
/// backgrounds. It is drawn from a fixed seed at first use, so every machine has the same
/// images; a tenth of them, balanced over the classes, is held out.
/// </summary>
public static class ShapesDataset
{
    /// <summary>The images drawn.</summary>
    public const int Count = 10_000;

    /// <summary>The side it is drawn at unless image_size says otherwise.</summary>
    public const int DefaultSide = 32;

    /// <summary>Its channels unless the channels option says otherwise: it is drawn in colour.</summary>
    public const int Channels = 3;

    /// <summary>The kinds of shape, in label order.</summary>
    public static IReadOnlyList<string> Classes { get; } = ["circle", "square", "triangle", "diamond", "ring", "cross", "bar", "column", "ellipse", "frame"];

    private const int Seed = 0x5AA9E5;
    private const int Supersampling = 3;

    /// <summary>Draws the dataset at <paramref name="side"/>×<paramref name="side"/>, in colour or (one channel) as grey.</summary>
    public static Dataset Generate(int side, int channels)
    {
        var shape = new SampleShape(channels, side, side);
        var random = new Random(Seed);
        var train = new List<(byte[] Pixels, byte Label)>();
        var heldOut = new List<(byte[] Pixels, byte Label)>();
        for (var i = 0; i < Count; i++)
        {
            // Every random draw is made in colour, so the grey set shows the same scenes.
            var label = (byte)(i % Classes.Count);
            var rgb = Draw(random, label, side);
            var image = channels == 3 ? rgb : Luma(rgb, side * side);
            // Every tenth run of ten is held out, so that both splits hold every class equally.
            (i / Classes.Count % 10 == 9 ? heldOut : train).Add((image, label));
        }
        return new Dataset("shapes", Set(train, shape), Set(heldOut, shape), $"shapes-{side}-{channels}");
    }

    private static ImageSet Set(List<(byte[] Pixels, byte Label)> images, SampleShape shape) =>
        new(ImagePixels.InMemory([.. images.SelectMany(i => i.Pixels)]), shape, images.Count, [.. images.Select(i => i.Label)], Classes);

    private static byte[] Draw(Random random, int kind, int side)
    {
        var background = new[] { random.Next(0, 70), random.Next(0, 70), random.Next(0, 70) };
        var colour = BrightColour(random);
        var radius = side * (0.18 + 0.14 * random.NextDouble());
        var (cx, cy) = (side * (0.3 + 0.4 * random.NextDouble()), side * (0.3 + 0.4 * random.NextDouble()));
        var angle = random.NextDouble() * Math.PI / 2;
        var pixels = new byte[3 * side * side];
        for (var y = 0; y < side; y++)
            for (var x = 0; x < side; x++)
            {
                // The share of the pixel's subsamples inside the shape antialiases its edges.
                var inside = 0;
                for (var sy = 0; sy < Supersampling; sy++)
                    for (var sx = 0; sx < Supersampling; sx++)
                    {
                        var (px, py) = (x + (sx + 0.5) / Supersampling - cx, y + (sy + 0.5) / Supersampling - cy);
                        var (u, v) = ((px * Math.Cos(angle) + py * Math.Sin(angle)) / radius, (-px * Math.Sin(angle) + py * Math.Cos(angle)) / radius);
                        if (Inside(kind, u, v, px / radius, py / radius))
                            inside++;
                    }
                var share = (double)inside / (Supersampling * Supersampling);
                for (var c = 0; c < 3; c++)
                {
                    var noise = random.Next(-12, 13);
                    var value = (1 - share) * (background[c] + noise) + share * colour[c];
                    pixels[c * side * side + y * side + x] = (byte)Math.Clamp(Math.Round(value), 0, 255);
                }
            }
        return pixels;
    }

    // u, v: rotated coordinates in radii; x, y: unrotated (for the shapes whose orientation is their class).
    private static bool Inside(int kind, double u, double v, double x, double y) => kind switch
    {
        0 => u * u + v * v <= 1,
        1 => Math.Abs(u) <= 0.8 && Math.Abs(v) <= 0.8,
        2 => v <= 0.5 && Math.Abs(u) <= (v + 1) * 0.866 / 1.5,
        3 => Math.Abs(x) + Math.Abs(y) <= 1,
        4 => u * u + v * v is <= 1 and >= 0.45,
        5 => (Math.Abs(u) <= 0.25 && Math.Abs(v) <= 0.95) || (Math.Abs(v) <= 0.25 && Math.Abs(u) <= 0.95),
        6 => Math.Abs(x) <= 1 && Math.Abs(y) <= 0.3,
        7 => Math.Abs(y) <= 1 && Math.Abs(x) <= 0.3,
        8 => u * u / 1.0 + v * v / 0.3 <= 1,
        _ => Math.Max(Math.Abs(u), Math.Abs(v)) is <= 0.9 and >= 0.6,
    };

    private static int[] BrightColour(Random random)
    {
        // A saturated hue at full value: one channel high, one low, one anywhere.
        var channels = new[] { 230 + random.Next(0, 26), random.Next(40, 256), random.Next(0, 60) };
        random.Shuffle(channels);
        return channels;
    }

    private static byte[] Luma(byte[] rgb, int pixels)
    {
        var grey = new byte[pixels];
        for (var p = 0; p < pixels; p++)
            grey[p] = ImageDecoder.Luma(rgb[p], rgb[pixels + p], rgb[2 * pixels + p]);
        return grey;
    }
}
