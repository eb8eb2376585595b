using Gan.Core.Checkpoints;
using Gan.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>G and D as module classes: their parameters are named by layer, a seed makes the weights it always made, and a checkpoint that does not fit says what differs.</summary>
public class GanNetworkTests
{
    [Fact]
    public void Parameters_are_named_by_their_layer()
    {
        using var pair = Architectures.Create(Architectures.Mlp, 64, 0.25, SampleShape.Grey28);

        Assert.Equal(["input.weight", "input.bias", "hidden.weight", "hidden.bias", "output.weight", "output.bias"], pair.Generator.state_dict().Keys);
        Assert.Equal(["input.weight", "input.bias", "hidden.weight", "hidden.bias", "output.weight", "output.bias"], pair.Discriminator.state_dict().Keys);
    }

    [Theory]
    // The sums the nn.Sequential networks had under this seed: a seeded sweep trains the same weights as before.
    [InlineData("mlp", 9408.730273067951, 5667.722486585379)]
    [InlineData("dcgan-small", 15033.480141103268, 5437.891183018684)]
    [InlineData("toy", 50.22644805908203, 0.575695276260376)]
    public void A_seed_makes_the_weights_it_made_before(string arch, double generatorSum, double discriminatorSum)
    {
        random.manual_seed(7);
        using var pair = Architectures.Create(arch, Architectures.DefaultLatentSize(arch), 0.25, arch == "toy" ? SampleShape.Value : SampleShape.Grey28);

        Assert.Equal(generatorSum, Sum(pair.Generator), generatorSum * 1e-6);
        Assert.Equal(discriminatorSum, Sum(pair.Discriminator), discriminatorSum * 1e-6);
    }

    [Fact]
    public void A_checkpoint_of_another_shape_names_the_parameters_that_differ()
    {
        using var wide = Architectures.Create(Architectures.Mlp, 64, 0.25, SampleShape.Grey28);
        using var narrow = Architectures.Create(Architectures.Mlp, 32, 0.25, SampleShape.Grey28);
        byte[] bytes;
        using (var writer = new CheckpointWriter())
            bytes = writer.Write(CheckpointEntries.Generator, wide.Generator).ToArray();
        using var reader = CheckpointReader.FromBytes(bytes);

        var error = Assert.Throws<GanException>(() => narrow.Generator.Read(reader, CheckpointEntries.Generator));

        Assert.Equal(GanErrorCode.IncompatibleCheckpoint, error.Code);
        Assert.Contains("input.weight is [256, 64], not [256, 32]", error.Message);
    }

    [Fact]
    public void A_checkpoint_that_names_a_layer_both_by_position_and_by_name_is_refused_not_a_crash()
    {
        using var pair = Architectures.Create(Architectures.Mlp, 64, 0.25, SampleShape.Grey28);
        using var both = nn.Sequential(("0", nn.Linear(64, 256)), ("input", nn.Linear(64, 256)));
        byte[] bytes;
        using (var writer = new CheckpointWriter())
            bytes = writer.Write(CheckpointEntries.Generator, both).ToArray();
        using var reader = CheckpointReader.FromBytes(bytes);

        var error = Assert.Throws<GanException>(() => pair.Generator.Read(reader, CheckpointEntries.Generator));

        Assert.Equal(GanErrorCode.IncompatibleCheckpoint, error.Code);
        Assert.Contains("holds input.weight twice (0.weight, input.weight)", error.Message);
    }

    [Fact]
    public void A_network_read_back_generates_what_it_did()
    {
        using var saved = Architectures.Create("dcgan-small", 100, 0.125, SampleShape.Grey28);
        using var fresh = Architectures.Create("dcgan-small", 100, 0.125, SampleShape.Grey28);
        byte[] bytes;
        using (var writer = new CheckpointWriter())
            bytes = writer.Write(CheckpointEntries.Generator, saved.Generator).ToArray();
        using var reader = CheckpointReader.FromBytes(bytes);

        fresh.Generator.Read(reader, CheckpointEntries.Generator);

        using var scope = NewDisposeScope();
        saved.Generator.eval();
        fresh.Generator.eval();
        var latent = randn(3, 100);
        Assert.True(saved.Generator.forward(latent).eq(fresh.Generator.forward(latent)).all().ToBoolean());
    }

    private static double Sum(nn.Module network) => network.parameters().Sum(p => p.abs().sum().ToDouble() + p.sum().ToDouble());
}
