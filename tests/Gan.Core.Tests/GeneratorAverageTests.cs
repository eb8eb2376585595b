using Gan.Core.Checkpoints;
using Gan.Core.Data;
using Gan.Core.Metrics;
using Gan.Core.Models;
using Gan.Core.Training;
using static TorchSharp.torch;

public class GeneratorAverageTests
{
    private static readonly Dataset Mnist = DatasetCatalog.Load(DatasetCatalog.Mnist);

    private static TrainerOptions Options(long steps, double emaDecay) =>
        new() { Steps = steps, LogEvery = 50, Device = "cpu", Lr = 5e-4, EmaDecay = emaDecay };

    private static MemorySink Train(TrainerOptions options, CancellationTokenSource? cancelAt100 = null, byte[]? resumeFrom = null)
    {
        var sink = new MemorySink();
        using var trainer = new Trainer(options, Mnist.Train, sink, onRecord: r => { if (r.Step == 100) cancelAt100?.Cancel(); });
        trainer.Run(cancelAt100?.Token ?? default, resumeFrom);
        return sink;
    }

    private static Dictionary<string, Tensor> Weights(byte[] checkpoint)
    {
        using var reader = CheckpointReader.FromBytes(checkpoint);
        return reader.ReadState(CheckpointEntries.Generator);
    }

    private static byte[] Last(MemorySink sink, ArtifactKind kind) => sink.Artifacts.Last(a => a.Kind == kind).Bytes;

    private static IEnumerable<(long, string, double)> Deterministic(MemorySink sink) =>
        sink.Metrics.SelectMany(r => r.Values.Where(v => v.Key != MetricNames.StepsPerSecond).Select(v => (r.Step, v.Key, v.Value)));

    [Fact]
    public void The_average_leaves_training_alone_and_is_what_the_trial_samples_and_keeps()
    {
        var plain = Train(Options(160, 0));
        var averaged = Train(Options(160, 0.999));

        // The same steps, bit for bit: making the average draws nothing from the trial's random state.
        Assert.Equal(Deterministic(plain), Deterministic(averaged));
        // G trained the same, but the pictures and the kept generator are of the average.
        Assert.Equal(Weights(Last(plain, ArtifactKind.Checkpoint)), Weights(Last(averaged, ArtifactKind.Checkpoint)), new TensorEquality());
        Assert.NotEqual(Last(plain, ArtifactKind.SampleGrid), Last(averaged, ArtifactKind.SampleGrid));
        Assert.NotEqual(Weights(Last(averaged, ArtifactKind.Checkpoint)), Weights(Last(averaged, ArtifactKind.Generator)), new TensorEquality());
    }

    [Fact]
    public void After_one_step_the_average_is_a_tenth_of_the_initial_weights_and_nine_tenths_of_the_trained_ones()
    {
        var options = Options(1, 0.999);
        var sink = Train(options);

        manual_seed((long)options.Seed);
        using var initial = Architectures.Create(options.Arch, options.EffectiveLatentSize, options.Width, SampleShape.Grey28);
        var trained = Weights(Last(sink, ArtifactKind.Checkpoint));
        var average = Weights(Last(sink, ArtifactKind.Generator));
        // The first update's decay is min(0.999, 1 / 10): the initial weights fade at once.
        foreach (var (name, start) in initial.Generator.state_dict())
        {
            using var expected = start * 0.1 + trained[name] * 0.9;
            Assert.True(average[name].allclose(expected, rtol: 1e-5, atol: 1e-7), name);
            Assert.False(average[name].allclose(trained[name], rtol: 1e-3, atol: 1e-5), name);
        }
    }

    [Fact]
    public void A_trial_with_an_average_resumed_from_its_checkpoint_ends_with_the_same_generator()
    {
        var options = Options(240, 0.99);
        var whole = Train(options);
        using var cancellation = new CancellationTokenSource();
        var firstHalf = Train(options, cancellation);
        var secondHalf = Train(options, resumeFrom: Last(firstHalf, ArtifactKind.Checkpoint));

        Assert.Equal(100, firstHalf.Artifacts.Last(a => a.Kind == ArtifactKind.Checkpoint).Step);
        Assert.Equal(Weights(Last(whole, ArtifactKind.Generator)), Weights(Last(secondHalf, ArtifactKind.Generator)), new TensorEquality());
        Assert.Equal(Last(whole, ArtifactKind.SampleGrid), Last(secondHalf, ArtifactKind.SampleGrid));
    }

    [Fact]
    public void The_average_of_a_generator_with_batch_norm_samples_with_its_statistics()
    {
        var options = Options(3, 0.999) with { Arch = Architectures.DcganSmall, BatchSize = 16 };
        var sink = Train(options);

        var trained = Weights(Last(sink, ArtifactKind.Checkpoint));
        var average = Weights(Last(sink, ArtifactKind.Generator));
        var statistics = trained.Keys.Where(k => k.EndsWith("running_mean") || k.EndsWith("running_var")).ToList();
        Assert.NotEmpty(statistics);
        Assert.All(statistics, k => Assert.True(trained[k].equal(average[k]).all().item<bool>(), k));
        Assert.Contains(trained.Keys.Except(statistics), k => !trained[k].equal(average[k]).all().item<bool>());
    }

    /// <summary>Two state dictionaries are equal when they hold the same names with equal tensors.</summary>
    private sealed class TensorEquality : IEqualityComparer<Dictionary<string, Tensor>>
    {
        public bool Equals(Dictionary<string, Tensor>? x, Dictionary<string, Tensor>? y) =>
            x is not null && y is not null && x.Keys.Order().SequenceEqual(y.Keys.Order()) && x.All(p => p.Value.equal(y[p.Key]).all().item<bool>());

        public int GetHashCode(Dictionary<string, Tensor> obj) => obj.Count;
    }
}
