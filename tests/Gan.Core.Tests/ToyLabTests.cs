using Gan.Core.Data;
using Gan.Core.Metrics;
using Gan.Core.Models;
using Gan.Core.Training;
using static TorchSharp.torch;

/// <summary>The toy lab (the fourth tutorial): 1-D N(10, 1) data, a small dense G, a one-layer D.</summary>
public class ToyLabTests
{
    private static TrainerOptions Toy(double lr, long steps = 2000) =>
        new() { Dataset = DatasetCatalog.Gaussian, Arch = Architectures.Toy, Lr = lr, Steps = steps, LogEvery = 100, Device = "cpu" };

    private static (TrialResult result, MemorySink sink) Train(TrainerOptions options)
    {
        var sink = new MemorySink();
        using var trainer = new Trainer(options, new GaussianSet(options.DataMean, options.DataStd), sink, new ToyLabEvaluation(new GaussianSet(options.DataMean, options.DataStd), CPU));
        return (trainer.Run(), sink);
    }

    [Fact]
    public void The_generator_learns_the_data_and_D_moves_to_one_half()
    {
        var (result, sink) = Train(Toy(0.005));

        Assert.Equal(TrialStatus.Completed, result.Status);
        var first = sink.Metrics.First().Values;
        var final = sink.Metrics.Last().Values;
        // Early on, D still tells generated samples apart; trained, it gives both about 0.5.
        Assert.True(Math.Abs(first[MetricNames.DFakeBefore] - 0.5) > 0.05, $"D(G(z)) {first[MetricNames.DFakeBefore]:F3} at the first record");
        Assert.InRange(result.FinalMetrics!.Values[MetricNames.DReal], 0.45, 0.55);
        Assert.InRange(result.FinalMetrics.Values[MetricNames.DFakeBefore], 0.45, 0.55);
        Assert.InRange(final[MetricNames.MeanError], 0, 0.5);
        Assert.InRange(final[MetricNames.Wasserstein], 0, 0.6);
    }

    [Fact]
    public void A_too_small_learning_rate_leaves_the_samples_far_from_the_data()
    {
        var (_, sink) = Train(Toy(2e-4));

        Assert.True(sink.Metrics.Last().Values[MetricNames.Wasserstein] > 3, "W1 should stay large when G barely moves");
    }

    [Fact]
    public void Mean_and_std_are_options()
    {
        var (_, sink) = Train(Toy(0.005) with { DataMean = -3, DataStd = 0.5 });

        // The samples start near 0, 3 away from the data's mean.
        Assert.InRange(sink.Metrics.Last().Values[MetricNames.MeanError], 0, 1.0);
    }

    [Fact]
    public void The_best_generator_is_the_one_whose_D_outputs_were_closest_to_one_half()
    {
        var (_, sink) = Train(Toy(0.005, steps: 600));

        static double Balance(MetricRecord r) => Math.Abs(r.Values[MetricNames.DReal] - 0.5) + Math.Abs(r.Values[MetricNames.DFakeBefore] - 0.5);
        var best = sink.Metrics.Where(r => r.Values.ContainsKey(MetricNames.DReal)).MinBy(Balance)!;
        var kept = sink.Artifacts.Last(a => a.Kind == ArtifactKind.BestGenerator);
        Assert.Equal(best.Step, kept.Step);
    }

    [Fact]
    public void The_score_of_the_data_itself_is_near_zero()
    {
        var data = new GaussianSet(10, 1);
        using var samples = randn([GaussianSet.ScoredCount, 1]) + 10;

        var (wasserstein, meanError, stdError) = data.Score(samples);

        Assert.InRange(wasserstein, 0, 0.05);
        Assert.InRange(meanError, 0, 0.05);
        Assert.InRange(stdError, 0, 0.05);
    }

    [Fact]
    public void Toy_networks_pair_only_with_gaussian_data()
    {
        var problems = TrainerOptionsValidator.Validate(new TrainerOptions { Arch = Architectures.Toy });

        Assert.Equal(["arch 'toy' with dataset 'mnist': toy learns 1-D values, and mnist holds 28×28 images with 1 channel; for mnist choose one of mlp, mlp-128, dcgan, dcgan-small."], problems);
    }
}
