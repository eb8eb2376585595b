using Gan.Core.Imaging;
using Gan.Core.Models;
using static TorchSharp.torch;

namespace Gan.Core.Data;

/// <summary>
/// Images as bytes (0 = black), each <see cref="Shape"/> in channel-major order, with one label
/// each when the set is labelled. Batches become float in [−1, 1] only when they are drawn.
/// </summary>
public sealed class ImageSet : ITrainingSet, IDisposable
{
    private readonly ImagePixels pixels;

    /// <summary>A set over <paramref name="pixels"/> (which it takes ownership of).</summary>
    /// <param name="pixels">The images' bytes.</param>
    /// <param name="shape">One image's shape.</param>
    /// <param name="count">The number of images.</param>
    /// <param name="labels">One class per image, or null for an unlabelled set.</param>
    /// <param name="classes">The class names, in label order; empty for an unlabelled set.</param>
    public ImageSet(ImagePixels pixels, SampleShape shape, int count, byte[]? labels, IReadOnlyList<string> classes)
    {
        if (labels is not null && labels.Length != count)
            throw new ArgumentException($"{count} images but {labels.Length} labels.", nameof(labels));
        this.pixels = pixels;
        Shape = shape;
        Count = count;
        Labels = labels;
        ClassNames = classes;
    }

    /// <summary>Pairs 28×28 grey images from an IDX file with labels, checking that they fit together.</summary>
    /// <exception cref="GanException">The counts or shapes disagree.</exception>
    public ImageSet(IdxArray images, IdxArray labels, string source)
        : this(ImagePixels.InMemory(images.Data), SampleShape.Grey28, CheckedCount(images, labels, source), labels.Data, DigitClasses)
    {
    }

    private static readonly string[] DigitClasses = [.. Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static int CheckedCount(IdxArray images, IdxArray labels, string source)
    {
        if (images.Dimensions is not [var count, 28, 28])
            throw new GanException(GanErrorCode.CorruptFile, $"{source}: images must be N×28×28, found {string.Join("×", images.Dimensions)}.");
        if (labels.Dimensions is not [var labelCount] || labelCount != count)
            throw new GanException(GanErrorCode.CorruptFile, $"{source}: {count} images but {string.Join("×", labels.Dimensions)} labels.");
        return count;
    }

    /// <summary>The class of each image; null when the set is unlabelled.</summary>
    public byte[]? Labels { get; }

    /// <summary>The class names in label order (the digits for MNIST, the folder names for a labelled folder); empty when unlabelled.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc />
    public SampleShape Shape { get; }

    /// <summary>The number of images.</summary>
    public int Count { get; }

    /// <summary>The bytes of image <paramref name="index"/>.</summary>
    public byte[] Image(int index)
    {
        var image = new byte[Shape.Size];
        pixels.Read((long)index * Shape.Size, image, 0, image.Length);
        return image;
    }

    /// <summary>The first <paramref name="count"/> images (all by default) as a float tensor [N, C, H, W] scaled to [−1, 1].</summary>
    public Tensor ToTensor(Device device, int? count = null)
    {
        var n = Math.Min(count ?? Count, Count);
        if (pixels.Array is { } array)
        {
            using var resident = tensor(array.AsMemory(0, n * Shape.Size), [n, .. Shape.Dimensions], device: device);
            return ToFloat(resident);
        }
        using var all = arange(n, dtype: int64);
        return Gather(all, device);
    }

    /// <summary>The images at <paramref name="indices"/> (int64 on the CPU) as floats in [−1, 1] on <paramref name="device"/>.</summary>
    public Tensor Gather(Tensor indices, Device device)
    {
        var size = Shape.Size;
        var bytes = new byte[indices.shape[0] * size];
        var i = 0;
        foreach (var index in indices.data<long>())
            pixels.Read(index * size, bytes, i++ * size, size);
        using var host = tensor(bytes, [indices.shape[0], .. Shape.Dimensions]);
        using var placed = host.to(device);
        return ToFloat(placed);
    }

    private static Tensor ToFloat(Tensor bytes)
    {
        using var floats = bytes.to(float32);
        using var scaled = floats / 127.5;
        return scaled - 1.0;
    }

    /// <summary>
    /// Batches for training: drawn from a float copy resident on the device when the bytes are in
    /// memory, else gathered from the mapped file batch by batch.
    /// </summary>
    public BatchSampler Batches(int batchSize, ulong seed, Device device) =>
        pixels.Array is not null
            ? new BatchSampler(ToTensor(device), batchSize, seed)
            : new BatchSampler(Count, index => Gather(index, device), batchSize, seed);

    /// <summary>A grid of the generated images, ten to a row.</summary>
    public byte[] Picture(Tensor generated) => SampleGrid.ToPng(generated);

    /// <summary>The first <paramref name="count"/> labels as an int64 tensor.</summary>
    /// <exception cref="InvalidOperationException">The set is unlabelled.</exception>
    public Tensor LabelsTensor(Device device, int? count = null)
    {
        var labels = Labels ?? throw new InvalidOperationException("The set is unlabelled.");
        var n = Math.Min(count ?? Count, Count);
        using var bytes = tensor(labels.AsMemory(0, n), [n], device: device);
        return bytes.to(int64);
    }

    /// <summary>Unmaps the file, if the set is mapped.</summary>
    public void Dispose() => pixels.Dispose();
}
