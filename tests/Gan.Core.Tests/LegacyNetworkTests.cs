using Gan.Core.Checkpoints;
using Gan.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// Networks saved before G and D were module classes, when they were <c>nn.Sequential</c>s whose
/// parameters were named by position ("0.weight"): the fixtures were written by that version
/// (<c>sweep train … --steps 3</c>), and the sums are what it generated from them.
/// </summary>
public class LegacyNetworkTests
{
    [Theory]
    [InlineData("mlp-128", 100, 0.25, "sequential-mlp-128-generator.pt", 3.63153362, 307.159698)]
    [InlineData("dcgan-small", 100, 0.125, "sequential-dcgan-small-0.125-generator.pt", -130.359894, 257.095825)]
    [InlineData("toy", 1, 0.25, "sequential-toy-checkpoint.pt", 0.566910684, 0.566910684)]
    public void A_generator_saved_by_position_generates_what_it_did(string arch, int latent, double width, string fixture, double sum, double absoluteSum)
    {
        var shape = arch == "toy" ? SampleShape.Value : SampleShape.Grey28;
        using var generator = Architectures.LoadGenerator(arch, latent, width, shape, File.ReadAllBytes(Path.Combine("Fixtures", fixture)), CPU);
        using var scope = NewDisposeScope();
        var samples = generator.forward(linspace(-2, 2, 4 * latent).reshape(4, latent));

        // To float precision: another CPU's kernels may round the last bits differently.
        Assert.Equal(sum, samples.sum().ToDouble(), Math.Abs(sum) * 1e-5);
        Assert.Equal(absoluteSum, samples.abs().sum().ToDouble(), absoluteSum * 1e-5);
    }

    [Fact]
    public void A_discriminator_saved_by_position_judges_as_it_did()
    {
        using var pair = Architectures.Create("toy", 1, 0.25, SampleShape.Value);
        using var reader = CheckpointReader.FromBytes(File.ReadAllBytes(Path.Combine("Fixtures", "sequential-toy-checkpoint.pt")));
        pair.Discriminator.Read(reader, CheckpointEntries.Discriminator);
        using var scope = NewDisposeScope();
        var logits = pair.Discriminator.forward(linspace(5, 15, 8).reshape(8, 1));

        Assert.Equal(3.75280523, logits.sum().ToDouble(), 1e-5);
    }
}
