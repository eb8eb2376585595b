using TorchSharp;
using Gan.Core.Data;
using Gan.Core.Metrics;
using Gan.Core.Training;
using static TorchSharp.torch;

public class TrainerTests
{
    private static readonly Dataset Mnist = DatasetCatalog.Load(DatasetCatalog.Mnist);

    private static TrainerOptions Options(long steps = 200) =>
        new() { Steps = steps, LogEvery = 50, Device = "cpu", Lr = 5e-4 };

    private static IEnumerable<(long step, string name, double value)> Deterministic(IEnumerable<MetricRecord> records) =>
        records.SelectMany(r => r.Values.Where(v => v.Key != MetricNames.StepsPerSecond).Select(v => (r.Step, v.Key, v.Value)));

    // Checkpoint archives embed a random serialization id, so runs are compared by their grids.
    private static IEnumerable<byte[]> Grids(MemorySink sink) =>
        sink.Artifacts.Where(a => a.Kind == ArtifactKind.SampleGrid).Select(a => a.Bytes);

    private static (TrialResult result, MemorySink sink) Train(TrainerOptions options)
    {
        var sink = new MemorySink();
        using var trainer = new Trainer(options, Mnist.Train, sink);
        return (trainer.Run(), sink);
    }

    [Fact]
    public void Records_come_every_log_every_steps_and_at_each_epoch_end()
    {
        var (result, sink) = Train(Options(200));

        // 8000 images in batches of 100: an epoch ends every 80 steps.
        Assert.Equal(TrialStatus.Completed, result.Status);
        Assert.Equal(200, result.Step);
        Assert.Equal(new long[] { 50, 80, 100, 150, 160, 200 }, sink.Metrics.Select(r => r.Step));
        Assert.Equal(new long[] { 1, 1, 2, 2, 2, 3 }, sink.Metrics.Select(r => r.Epoch));
        Assert.Equal(new long[] { 80, 160, 200 }, sink.Artifacts.Where(a => a.Kind == ArtifactKind.SampleGrid).Select(a => a.Step));
        Assert.Equal(new long[] { 80, 160, 200 }, sink.Artifacts.Where(a => a.Kind == ArtifactKind.Checkpoint).Select(a => a.Step));
        Assert.All(sink.Metrics, r => Assert.Equal(MetricNames.Averaged.Append(MetricNames.StepsPerSecond).Order(), r.Values.Keys.Order()));
    }

    [Fact]
    public void Each_steps_writes_close_as_a_group_with_its_checkpoint_and_the_last_steps_stay_open_for_the_end()
    {
        var (_, sink) = Train(Options(200));

        // Every step closes a group, most of them empty; those that wrote are 50, 80 (metrics, grid, checkpoint), 100, 150 and 160.
        var groups = sink.Commits.Distinct().Where(c => c != (0, 0)).ToList();
        Assert.Equal(new long[] { 50, 80, 100, 150, 160 }, groups.Select(c => sink.Metrics[c.Metrics - 1].Step));
        var checkpoints = sink.Artifacts.Select((a, i) => (a, i)).Where(x => x.a.Kind == ArtifactKind.Checkpoint && x.a.Step < 200).Select(x => x.i + 1);
        Assert.All(checkpoints, written => Assert.Contains(groups, c => c.Artifacts == written));
        // Step 200's record, grid, checkpoint and generator, and the evaluation's scores, are left for the end.
        var open = groups[^1];
        Assert.All(sink.Metrics.Skip(open.Metrics), r => Assert.Equal(200, r.Step));
        Assert.Equal([ArtifactKind.SampleGrid, ArtifactKind.Checkpoint, ArtifactKind.Generator], sink.Artifacts.Skip(open.Artifacts).Select(a => a.Kind));
    }

    [Fact]
    public void Without_a_last_checkpoint_the_epochs_still_checkpoint_and_the_trial_ends_the_same()
    {
        var (whole, wholeSink) = Train(Options(200));
        var sink = new MemorySink();
        using (var trainer = new Trainer(Options(200), Mnist.Train, sink) { LastCheckpoint = false })
            Assert.Equal(whole.Status, trainer.Run().Status);

        Assert.Equal(new long[] { 80, 160 }, sink.Artifacts.Where(a => a.Kind == ArtifactKind.Checkpoint).Select(a => a.Step));
        Assert.Equal(Deterministic(wholeSink.Metrics), Deterministic(sink.Metrics));
        Assert.Equal(200, Assert.Single(sink.Artifacts, a => a.Kind == ArtifactKind.Generator).Step);
    }

    [Fact]
    public void A_finished_trial_writes_its_generator_alone_and_it_samples_like_the_checkpoint()
    {
        var (_, sink) = Train(Options(80));

        var generator = Assert.Single(sink.Artifacts, a => a.Kind == ArtifactKind.Generator);
        var checkpoint = sink.Artifacts.Last(a => a.Kind == ArtifactKind.Checkpoint);
        Assert.Equal(80, generator.Step);
        // Both networks and two Adam states against one network: about a sixth.
        Assert.InRange(generator.Bytes.Length, checkpoint.Bytes.Length / 8, checkpoint.Bytes.Length / 4);
        var options = Options();
        using var fromWeights = Gan.Core.Models.Architectures.LoadGenerator(options.Arch, options.EffectiveLatentSize, options.Width, Gan.Core.Models.SampleShape.Grey28, generator.Bytes, CPU);
        using var fromCheckpoint = Gan.Core.Models.Architectures.LoadGenerator(options.Arch, options.EffectiveLatentSize, options.Width, Gan.Core.Models.SampleShape.Grey28, checkpoint.Bytes, CPU);
        using var z = randn(4, options.EffectiveLatentSize);
        using var noGrad = no_grad();
        Assert.True(fromWeights.forward(z).equal(fromCheckpoint.forward(z)).all().item<bool>());
    }

    [Fact]
    public void An_interrupted_trial_writes_no_generator()
    {
        using var cancellation = new CancellationTokenSource();
        var sink = new MemorySink();
        using (var trainer = new Trainer(Options(200), Mnist.Train, sink, onRecord: r => { if (r.Step == 50) cancellation.Cancel(); }))
            Assert.Equal(TrialStatus.Interrupted, trainer.Run(cancellation.Token).Status);

        Assert.DoesNotContain(sink.Artifacts, a => a.Kind == ArtifactKind.Generator);
    }

    [Fact]
    public void Balance_metrics_are_probabilities_and_norms_are_positive()
    {
        var (_, sink) = Train(Options(100));

        foreach (var record in sink.Metrics)
        {
            foreach (var name in new[] { MetricNames.DReal, MetricNames.DFakeBefore, MetricNames.DFakeAfter, MetricNames.AccuracyReal, MetricNames.AccuracyFake })
                Assert.InRange(record[name], 0, 1);
            Assert.True(record[MetricNames.GradNormD] > 0);
            Assert.True(record[MetricNames.GradNormG] > 0);
            Assert.True(record[MetricNames.LossD] > 0);
        }
    }

    [Fact]
    public void The_same_seed_gives_bit_identical_metrics_and_another_seed_does_not()
    {
        var (_, first) = Train(Options(120));
        var (_, second) = Train(Options(120));
        var (_, other) = Train(Options(120) with { Seed = 1 });

        Assert.Equal(Deterministic(first.Metrics), Deterministic(second.Metrics));
        Assert.Equal(Grids(first), Grids(second));
        Assert.NotEqual(Deterministic(first.Metrics), Deterministic(other.Metrics));
    }

    [Fact]
    public void A_trial_resumed_from_its_checkpoint_ends_like_an_uninterrupted_one()
    {
        var options = Options(240) with { Arch = "mlp-128" };
        var (uninterrupted, whole) = Train(options);

        using var cancellation = new CancellationTokenSource();
        var firstHalf = new MemorySink();
        TrialResult interrupted;
        using (var trainer = new Trainer(options, Mnist.Train, firstHalf, onRecord: r => { if (r.Step == 100) cancellation.Cancel(); }))
            interrupted = trainer.Run(cancellation.Token);
        var checkpoint = firstHalf.Artifacts.Last(a => a.Kind == ArtifactKind.Checkpoint);

        var secondHalf = new MemorySink();
        TrialResult resumed;
        using (var trainer = new Trainer(options, Mnist.Train, secondHalf))
        {
            resumed = trainer.Run(resumeFrom: checkpoint.Bytes);
            Assert.Equal(240, trainer.Step);
        }

        Assert.Equal(TrialStatus.Interrupted, interrupted.Status);
        Assert.Equal(100, interrupted.Step);
        Assert.Equal(100, checkpoint.Step);
        Assert.Equal(TrialStatus.Completed, resumed.Status);
        Assert.Equal(Deterministic(whole.Metrics.Where(r => r.Step > 100)), Deterministic(secondHalf.Metrics));
        Assert.Equal(Grids(whole).Last(), Grids(secondHalf).Last());
    }

    [Fact]
    public void A_trial_handed_back_between_two_records_resumes_to_the_same_records()
    {
        // Records every 80 steps; the hand-back lands somewhere in 101..159, never on a record.
        var options = Options(240) with { Arch = "mlp-128", LogEvery = 80 };
        var (_, whole) = Train(options);

        using var cancellation = new CancellationTokenSource();
        var firstPart = new MemorySink();
        using (var trainer = new Trainer(options, Mnist.Train, firstPart))
        {
            // A silo's SIGTERM arrives at any step: here, from another thread, once step 100 has passed.
            var watcher = new Thread(() =>
            {
                while (trainer.Step <= 100)
                    Thread.SpinWait(100);
                cancellation.Cancel();
            });
            watcher.Start();
            Assert.Equal(TrialStatus.Interrupted, trainer.Run(cancellation.Token).Status);
            watcher.Join();
        }
        var checkpoint = firstPart.Artifacts.Last(a => a.Kind == ArtifactKind.Checkpoint);
        Assert.InRange(checkpoint.Step, 101, 159);

        var rest = new MemorySink();
        using (var trainer = new Trainer(options, Mnist.Train, rest))
            trainer.Run(resumeFrom: checkpoint.Bytes);

        Assert.Equal([160L, 240L], rest.Metrics.Select(r => r.Step));
        Assert.Equal(Deterministic(whole.Metrics.Where(r => r.Step > 100)), Deterministic(rest.Metrics));
    }

    [Fact]
    public void Resuming_a_checkpoint_of_another_configuration_throws()
    {
        var (_, sink) = Train(Options(80));
        var checkpoint = sink.Artifacts.Last(a => a.Kind == ArtifactKind.Checkpoint).Bytes;

        using var trainer = new Trainer(Options(80) with { Arch = "mlp-128" }, Mnist.Train, new MemorySink());
        var error = Assert.Throws<GanException>(() => trainer.Run(resumeFrom: checkpoint));

        Assert.Equal(GanErrorCode.IncompatibleCheckpoint, error.Code);
    }

    [Fact]
    public void A_checkpoint_resumed_under_another_learning_rate_trains_at_that_rate()
    {
        var (_, sink) = Train(Options(80));
        var checkpoint = sink.Artifacts.Last(a => a.Kind == ArtifactKind.Checkpoint).Bytes;

        // The optimizer's saved state holds the rate it trained at (2e-4); a population member
        // resumed after its explore step trains at its own, here one that diverges at once.
        using var trainer = new Trainer(Options(400) with { Lr = 10, LogEvery = 20 }, Mnist.Train, new MemorySink());
        var result = trainer.Run(resumeFrom: checkpoint);

        Assert.Equal(TrialStatus.Diverged, result.Status);
    }

    [Fact]
    public void A_learning_rate_of_10_ends_as_diverged_without_throwing()
    {
        var (result, _) = Train(Options(400) with { Lr = 10, LogEvery = 20 });

        Assert.Equal(TrialStatus.Diverged, result.Status);
        Assert.True(result.Flags.HasFlag(HealthFlags.Diverged));
        Assert.True(result.Step < 400);
        Assert.Contains($"by step {result.Step}", result.Message);
    }

    [Fact]
    public void A_discriminator_that_wins_outright_is_flagged()
    {
        var (result, _) = Train(Options(300) with { LrG = 1e-7, LrD = 2e-3, LogEvery = 20 });

        Assert.True(result.Flags.HasFlag(HealthFlags.DOverpowers));
    }

    [Fact]
    public void Label_smoothing_raises_the_real_loss_floor()
    {
        // With targets of 0.9, D's real loss cannot fall below the entropy of 0.9.
        var (_, sink) = Train(Options(150) with { LabelSmoothing = 0.1, LrG = 1e-7, LrD = 2e-3 });

        var entropy = -(0.9 * Math.Log(0.9) + 0.1 * Math.Log(0.1));
        Assert.True(sink.Metrics[^1][MetricNames.LossD] > entropy);
    }

    [Theory]
    [InlineData("dcgan-small", "adam", 2)]
    [InlineData("mlp", "rmsprop", 1)]
    [InlineData("mlp-128", "sgd", 3)]
    public void Other_architectures_optimizers_and_d_steps_train(string arch, string optimizer, int dSteps)
    {
        var (result, sink) = Train(new TrainerOptions { Arch = arch, Optimizer = optimizer, DSteps = dSteps, Momentum = 0.5, Steps = 6, LogEvery = 3, Device = "cpu", BatchSize = 32 });

        Assert.Equal(TrialStatus.Completed, result.Status);
        Assert.Equal(new long[] { 3, 6 }, sink.Metrics.Select(r => r.Step));
    }

    [Fact]
    public void Epochs_set_the_number_of_steps()
    {
        using var trainer = new Trainer(new TrainerOptions { Epochs = 2, DSteps = 2, Device = "cpu" }, Mnist.Train, new MemorySink());

        Assert.Equal(2 * 80 / 2, trainer.TotalSteps);
    }

    [Fact]
    public void Invalid_options_throw_before_anything_trains()
    {
        var error = Assert.Throws<GanException>(() => new Trainer(new TrainerOptions { Lr = -1 }, Mnist.Train, new MemorySink()));

        Assert.Equal(GanErrorCode.InvalidOption, error.Code);
    }

    [Fact]
    public void Ten_thousand_steps_leave_the_live_tensor_count_flat()
    {
        // The toy lab trains fast enough for 10,000 steps here; each step still runs the whole
        // loop (D step, G step, metrics), and each epoch's end a picture and a checkpoint.
        var live = new Dictionary<long, long>();
        var options = new TrainerOptions { Dataset = DatasetCatalog.Gaussian, Arch = "toy", Lr = 0.005, Steps = 10_000, LogEvery = 1000, Device = "cpu" };
        using var trainer = new Trainer(options, new GaussianSet(10, 1), new MemorySink(), onRecord: r =>
        {
            // Records also come at every epoch's end (100 steps); count at the logged ones.
            if (r.Step % options.LogEvery != 0)
                return;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            live[r.Step] = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        });

        Assert.Equal(TrialStatus.Completed, trainer.Run().Status);

        // From the first record on (the optimizers' state exists by then), nothing accumulates.
        Assert.Equal(10, live.Count);
        Assert.All(live, p => Assert.Equal(live[1000], p.Value));
    }
}
