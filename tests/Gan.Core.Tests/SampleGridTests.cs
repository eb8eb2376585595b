using System.Buffers.Binary;
using Gan.Core.Imaging;
using static TorchSharp.torch;

public class SampleGridTests
{
    [Fact]
    public void ToPng_lays_a_hundred_digits_out_ten_by_ten()
    {
        using var images = rand([100, 1, 28, 28]);

        var png = SampleGrid.ToPng(images);

        const int side = 10 * (28 + SampleGrid.Padding) + SampleGrid.Padding;
        Assert.Equal(side, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(side, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public void ToBytes_maps_minus_one_one_to_0_255_and_clamps()
    {
        using var images = tensor(new float[] { -1, 0, 1, 3, -7 }, [1, 1, 1, 5]);

        Assert.Equal(new byte[] { 0, 128, 255, 255, 0 }, SampleGrid.ToBytes(images));
    }

    [Fact]
    public void ToPng_throws_on_the_wrong_shape()
    {
        using var flat = zeros([4, 784]);

        Assert.Throws<ArgumentException>(() => SampleGrid.ToPng(flat));
    }
}
