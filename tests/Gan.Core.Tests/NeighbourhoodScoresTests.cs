using Gan.Core.Evaluation;
using static TorchSharp.torch;

public class NeighbourhoodScoresTests
{
    private static Tensor Gaussian(int n, long seed) => randn([n, 8], generator: new TorchSharp.torch.Generator((ulong)seed, CPU)).to(float64);

    [Fact]
    public void Samples_of_the_real_distribution_score_high_on_all_four()
    {
        using var scope = NewDisposeScope();
        using var scores = new NeighbourhoodScores(Gaussian(1000, 1));

        var (precision, recall, density, coverage) = scores.Of(Gaussian(1000, 2));

        Assert.InRange(precision, 0.8, 1);
        Assert.InRange(recall, 0.8, 1);
        Assert.InRange(density, 0.8, 1.2);
        Assert.InRange(coverage, 0.8, 1);
    }

    [Fact]
    public void A_collapsed_generator_keeps_its_precision_and_loses_recall_and_coverage()
    {
        using var scope = NewDisposeScope();
        using var scores = new NeighbourhoodScores(Gaussian(1000, 1));
        // Every sample near one point of the real distribution's bulk.
        var collapsed = Gaussian(1000, 3) * 0.01;

        var (precision, recall, _, coverage) = scores.Of(collapsed);

        Assert.Equal(1.0, precision);
        Assert.InRange(recall, 0, 0.02);
        Assert.InRange(coverage, 0, 0.05);
    }

    [Fact]
    public void Samples_far_from_the_data_have_no_precision_and_no_density()
    {
        using var scope = NewDisposeScope();
        using var scores = new NeighbourhoodScores(Gaussian(500, 1));

        var (precision, _, density, coverage) = scores.Of(Gaussian(500, 4) + 100);

        Assert.Equal(0, precision);
        Assert.Equal(0, density);
        Assert.Equal(0, coverage);
    }
}
