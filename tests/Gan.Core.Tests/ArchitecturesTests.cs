using Gan.Core.Models;
using static TorchSharp.torch;

public class ArchitecturesTests
{
    [Theory]
    [InlineData("mlp", 64)]
    [InlineData("mlp-128", 100)]
    [InlineData("dcgan-small", 100)]
    [InlineData("dcgan", 100)]
    public void Every_architecture_maps_latents_to_images_and_images_to_logits(string name, int latent)
    {
        using var scope = NewDisposeScope();
        using var pair = Architectures.Create(name, Architectures.DefaultLatentSize(name), width: 0.25, SampleShape.Grey28);

        var images = pair.Generator.forward(randn([3, latent]));
        var logits = pair.Discriminator.forward(images);

        Assert.Equal(latent, pair.LatentSize);
        Assert.Equal(new long[] { 3, 1, 28, 28 }, images.shape);
        Assert.Equal(new long[] { 3, 1 }, logits.shape);
        Assert.InRange(images.abs().max().item<float>(), 0, 1);
    }

    [Theory]
    [InlineData("dcgan", 32, 1)]
    [InlineData("dcgan", 32, 3)]
    [InlineData("dcgan", 64, 1)]
    [InlineData("dcgan", 64, 3)]
    [InlineData("dcgan-small", 128, 1)]
    [InlineData("dcgan-small", 128, 3)]
    [InlineData("mlp", 64, 3)]
    public void Image_architectures_learn_square_images_of_other_sides_and_colour(string name, int side, int channels)
    {
        using var scope = NewDisposeScope();
        var shape = new SampleShape(channels, side, side);
        using var pair = Architectures.Create(name, 100, width: 0.25, shape);

        var images = pair.Generator.forward(randn([2, 100]));
        var logits = pair.Discriminator.forward(images);

        Assert.True(Architectures.Get(name).Supports(shape));
        Assert.Equal(new long[] { 2, channels, side, side }, images.shape);
        Assert.Equal(new long[] { 2, 1 }, logits.shape);
    }

    [Fact]
    public void Dcgan_off_28_by_28_is_pytorchs_dcgan_tutorial_network_with_its_names_and_sizes()
    {
        using var pair = Architectures.Create(Architectures.Dcgan, 100, 1, new SampleShape(3, 64, 64));

        // The parameter counts PyTorch's DCGAN tutorial prints for nz = 100, ngf = ndf = 64, nc = 3.
        Assert.Equal(3_576_704, Count(pair.Generator));
        Assert.Equal(2_765_568, Count(pair.Discriminator));
        Assert.Contains("main.0.weight", pair.Generator.state_dict().Keys);
        Assert.False(Architectures.Get(Architectures.Dcgan).Supports(new SampleShape(3, 48, 48)));
    }

    private static long Count(nn.Module m) => m.parameters().Sum(p => p.numel());

    [Fact]
    public void Mlp_has_the_tutorials_layer_sizes()
    {
        using var pair = Architectures.Create(Architectures.Mlp, 64, 0.25, SampleShape.Grey28);

        Assert.Equal(784 * 256 + 256 + 256 * 256 + 256 + 256 + 1, Count(pair.Discriminator));
        Assert.Equal(64 * 256 + 256 + 256 * 256 + 256 + 256 * 784 + 784, Count(pair.Generator));
    }

    [Fact]
    public void Dcgan_matches_the_keras_tutorials_discriminator()
    {
        using var pair = Architectures.Create(Architectures.Dcgan, 100, 1, SampleShape.Grey28);

        // The Keras summary: 4,311,553 parameters in D.
        Assert.Equal(4_311_553, Count(pair.Discriminator));
    }

    [Fact]
    public void Dcgan_small_scales_every_width()
    {
        using var full = Architectures.Create(Architectures.Dcgan, 100, 1, SampleShape.Grey28);
        using var quarter = Architectures.Create(Architectures.DcganSmall, 100, 0.25, SampleShape.Grey28);

        Assert.InRange((double)Count(quarter.Discriminator) / Count(full.Discriminator), 0.05, 0.08);
    }

    [Fact]
    public void Create_throws_for_an_unknown_name_or_a_width_with_no_channels()
    {
        Assert.Equal(GanErrorCode.UnknownName, Assert.Throws<GanException>(() => Architectures.Create("vae", 64, 1, SampleShape.Grey28)).Code);
        Assert.Equal(GanErrorCode.InvalidOption, Assert.Throws<GanException>(() => Architectures.Create(Architectures.DcganSmall, 64, 0.001, SampleShape.Grey28)).Code);
    }

    [Fact]
    public void The_mlp_takes_its_image_shape_from_the_dataset()
    {
        using var scope = NewDisposeScope();
        var colour = new SampleShape(3, 32, 32);
        using var pair = Architectures.Create(Architectures.Mlp, 64, 0.25, colour);

        var images = pair.Generator.forward(randn([2, 64]));

        Assert.Equal(new long[] { 2, 3, 32, 32 }, images.shape);
        Assert.Equal(new long[] { 2, 1 }, pair.Discriminator.forward(images).shape);
    }

    [Fact]
    public void Each_architecture_says_which_shapes_it_learns()
    {
        var colour = new SampleShape(3, 32, 32);
        var oddSide = new SampleShape(3, 48, 48);

        Assert.Equal(["mlp", "mlp-128", "dcgan", "dcgan-small"], Architectures.All.Where(a => a.Supports(colour)).Select(a => a.Name));
        Assert.Equal(["mlp", "mlp-128"], Architectures.All.Where(a => a.Supports(oddSide)).Select(a => a.Name));
        Assert.Equal(["mlp", "mlp-128", "dcgan", "dcgan-small"], Architectures.All.Where(a => a.Supports(SampleShape.Grey28)).Select(a => a.Name));
        Assert.Equal(["toy"], Architectures.All.Where(a => a.Supports(SampleShape.Value)).Select(a => a.Name));
        Assert.Equal(GanErrorCode.InvalidOption, Assert.Throws<GanException>(() => Architectures.Create(Architectures.Dcgan, 100, 1, oddSide)).Code);
    }
}
