using static Torch.torch;

public class RandomTests
{
    [Fact]
    public void Same_seed_gives_identical_samples_and_layers()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var a = randn([100]).data<float>();
        var layerA = nn.Linear(5, 5).weight.data<float>();
        manual_seed(7);
        var b = randn([100]).data<float>();
        var layerB = nn.Linear(5, 5).weight.data<float>();

        Assert.Equal(a, b);
        Assert.Equal(layerA, layerB);
    }

    [Fact]
    public void Different_seeds_give_different_samples()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var a = rand([100]).data<float>();
        manual_seed(8);
        var b = rand([100]).data<float>();

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void A_generator_is_independent_of_the_default_one()
    {
        using var scope = NewDisposeScope();
        using var first = new Generator(11);
        using var second = new Generator(11);
        var a = randperm(50, first).data<long>();
        manual_seed(99);
        using var _ = randn([10]);
        var b = randperm(50, second).data<long>();

        Assert.Equal(a, b);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), a.Order());
    }

    [Fact]
    public void Generator_state_restores_the_sequence()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var state = generator.get_state();
        var first = randn([20], generator).data<float>();

        generator.set_state(state);

        Assert.Equal(first, randn([20], generator).data<float>());
    }

    [Fact]
    public void Default_generator_state_restores_dropout_masks()
    {
        using var scope = NewDisposeScope();
        using var generator = Generator.Default();
        manual_seed(3);
        var state = generator.get_state();
        var first = nn.functional.dropout(ones([64]), 0.5).data<float>();

        generator.set_state(state);

        Assert.Equal(first, nn.functional.dropout(ones([64]), 0.5).data<float>());
    }

    [Fact]
    public void Rand_is_in_the_unit_interval_and_randn_is_standard()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        var uniform = rand([10000], generator, float64);
        var normal = randn([10000], generator, float64);

        Assert.All(uniform.data<double>(), v => Assert.InRange(v, 0, 1));
        Assert.Equal(0, normal.mean().item<double>(), 1);
        Assert.Equal(1, normal.std().item<double>(), 1);
    }
}
