using Gan.Core.Imaging;
using static TorchSharp.torch;

namespace Gan.Core.Data;

/// <summary>Labelled 28×28 grey images: pixels as bytes (0 = black), one label per image.</summary>
public sealed class ImageSet : ITrainingSet
{
    /// <summary>The images side.</summary>
    public const int Side = 28;

    /// <summary>Pairs images with labels, checking that they fit together.</summary>
    /// <exception cref="GanException">The counts or shapes disagree.</exception>
    public ImageSet(IdxArray images, IdxArray labels, string source)
    {
        if (images.Dimensions is not [var count, Side, Side])
            throw new GanException(GanErrorCode.CorruptFile, $"{source}: images must be N×28×28, found {string.Join("×", images.Dimensions)}.");
        if (labels.Dimensions is not [var labelCount] || labelCount != count)
            throw new GanException(GanErrorCode.CorruptFile, $"{source}: {count} images but {string.Join("×", labels.Dimensions)} labels.");
        Pixels = images.Data;
        Labels = labels.Data;
        Count = count;
    }

    /// <summary>The pixels, image after image, row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>The class of each image.</summary>
    public byte[] Labels { get; }

    /// <inheritdoc />
    public Models.SampleShape Shape => Models.SampleShape.Grey28;

    /// <summary>The number of images.</summary>
    public int Count { get; }

    /// <summary>The first <paramref name="count"/> images as a float tensor [N, 1, 28, 28] scaled to [−1, 1].</summary>
    public Tensor ToTensor(Device device, int? count = null)
    {
        var n = Math.Min(count ?? Count, Count);
        using var bytes = tensor(Pixels.AsMemory(0, n * Side * Side), [n, 1, Side, Side], device: device);
        using var floats = bytes.to(float32);
        using var scaled = floats / 127.5;
        return scaled - 1.0;
    }

    /// <inheritdoc />
    Tensor ITrainingSet.ToTensor(Device device) => ToTensor(device);

    /// <summary>A 10-column grid of the generated images.</summary>
    public byte[] Picture(Tensor generated) => SampleGrid.ToPng(generated);

    /// <summary>The first <paramref name="count"/> labels as an int64 tensor.</summary>
    public Tensor LabelsTensor(Device device, int? count = null)
    {
        var n = Math.Min(count ?? Count, Count);
        using var bytes = tensor(Labels.AsMemory(0, n), [n], device: device);
        return bytes.to(int64);
    }
}
