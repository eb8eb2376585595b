namespace Gan.Core.Models;

/// <summary>
/// The shape of one sample a dataset holds and a generator makes: an image of
/// <see cref="Channels"/>×<see cref="Height"/>×<see cref="Width"/>, or one number (<see cref="Value"/>).
/// Datasets say theirs; architectures say which they can learn.
/// </summary>
/// <param name="Channels">Colour channels: 1 for grey, 3 for RGB.</param>
/// <param name="Height">Rows of pixels.</param>
/// <param name="Width">Columns of pixels.</param>
public sealed record SampleShape(int Channels, int Height, int Width)
{
    /// <summary>One number a sample: the toy lab's 1-D data.</summary>
    public static SampleShape Value { get; } = new(1, 1, 1);

    /// <summary>MNIST's and Fashion-MNIST's 28×28 grey images.</summary>
    public static SampleShape Grey28 { get; } = new(1, 28, 28);

    /// <summary>Whether samples are images (rather than single numbers).</summary>
    public bool IsImage => this != Value;

    /// <summary>The numbers in one sample.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>One sample's tensor dimensions: [C, H, W] for an image, [1] for a number.</summary>
    public long[] Dimensions => IsImage ? [Channels, Height, Width] : [1];

    /// <summary>As messages name it: "28×28 images with 1 channel", or "1-D values".</summary>
    public override string ToString() => IsImage ? $"{Height}×{Width} images with {Channels} channel{(Channels == 1 ? "" : "s")}" : "1-D values";
}
