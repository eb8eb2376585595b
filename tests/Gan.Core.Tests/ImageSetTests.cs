using static TorchSharp.torch;
using TorchSharp;
using Gan.Core.Data;

public class ImageSetTests
{
    [Fact]
    public void ToTensor_scales_pixels_to_minus_one_one()
    {
        var pixels = new byte[2 * 28 * 28];
        pixels[0] = 255;
        pixels[1] = 0;
        pixels[2] = 51;
        var set = new ImageSet(new IdxArray([2, 28, 28], pixels), new IdxArray([2], [3, 4]), "test");

        using var images = set.ToTensor(CPU);
        using var labels = set.LabelsTensor(CPU);

        Assert.Equal(new long[] { 2, 1, 28, 28 }, images.shape);
        var values = images.data<float>();
        Assert.Equal(1f, values[0]);
        Assert.Equal(-1f, values[1]);
        Assert.Equal(51 / 127.5f - 1, values[2], 6);
        Assert.Equal(new long[] { 3, 4 }, labels.data<long>());
    }

    [Fact]
    public void Constructor_throws_when_labels_do_not_match_images()
    {
        var error = Assert.Throws<GanException>(() =>
            new ImageSet(new IdxArray([2, 28, 28], new byte[2 * 784]), new IdxArray([3], [0, 1, 2]), "a.idx"));

        Assert.Equal(GanErrorCode.CorruptFile, error.Code);
        Assert.Contains("2 images but 3 labels", error.Message);
    }

    [Fact]
    public void Constructor_throws_when_images_are_not_28_by_28()
    {
        var error = Assert.Throws<GanException>(() =>
            new ImageSet(new IdxArray([1, 32, 32], new byte[1024]), new IdxArray([1], [0]), "b.idx"));

        Assert.Contains("N×28×28, found 1×32×32", error.Message);
    }
}
