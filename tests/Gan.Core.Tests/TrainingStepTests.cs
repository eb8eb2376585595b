using Gan.Core.Checkpoints;
using Gan.Core.Data;
using Gan.Core.Metrics;
using Gan.Core.Models;
using Gan.Core.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

/// <summary>
/// The fast step against the tutorials' step written out plainly: two D passes, an optimizer
/// per parameter list, D's gradients taken during G's step too.
/// </summary>
public class TrainingStepTests
{
    private const int Batch = 16;

    private static TrainerOptions Options(string arch, string optimizer = "adam", int dSteps = 1) => new()
    {
        Arch = arch, Optimizer = optimizer, DSteps = dSteps, BatchSize = Batch, Lr = 1e-3, Momentum = 0.9, LabelSmoothing = 0.1, Width = 0.125, Device = "cpu",
    };

    private static SampleShape ShapeOf(string arch) => arch == Architectures.Toy ? SampleShape.Value : SampleShape.Grey28;

    /// <summary>The tutorials' step, as it was written in the trainer before it was made fast.</summary>
    private static void TutorialStep(TrainerOptions options, GanPair pair, OptimizerHelper optimizerD, OptimizerHelper optimizerG, Func<Tensor> real, Generator noise)
    {
        using var scope = NewDisposeScope();
        var realTargets = full([Batch, 1], 1 - options.LabelSmoothing);
        Tensor fake = null!;
        for (var k = 0; k < options.DSteps; k++)
        {
            var z = randn([Batch, pair.LatentSize], generator: noise);
            Tensor fakeForD;
            if (k == options.DSteps - 1)
            {
                fake = pair.Generator.forward(z);
                fakeForD = fake.detach();
            }
            else
            {
                using var noGrad = no_grad();
                fakeForD = pair.Generator.forward(z);
            }
            optimizerD.zero_grad();
            var lossD = binary_cross_entropy_with_logits(pair.Discriminator.forward(real()), realTargets)
                        + binary_cross_entropy_with_logits(pair.Discriminator.forward(fakeForD), zeros([Batch, 1]));
            lossD.backward();
            optimizerD.step();
        }
        optimizerG.zero_grad();
        var lossG = binary_cross_entropy_with_logits(pair.Discriminator.forward(fake), ones([Batch, 1]));
        lossG.backward();
        optimizerG.step();
    }

    /// <summary>An MLP pair, a fixed real batch and noise, and the step over them.</summary>
    private sealed class MlpStep : IDisposable
    {
        private readonly Generator noise = new(1, CPU);
        private readonly TrainingStep step;

        public MlpStep()
        {
            var options = Options("mlp");
            manual_seed(5);
            Pair = Architectures.Create("mlp", options.EffectiveLatentSize, 1, SampleShape.Grey28);
            Real = rand([Batch, 1, 28, 28]).DetachFromDisposeScope();
            step = new TrainingStep(options, Pair, SampleShape.Grey28, CPU);
        }

        public GanPair Pair { get; }

        public Tensor Real { get; }

        /// <summary>One step; its values belong to the caller's dispose scope.</summary>
        public StepValues Run() => step.Run(() => Real, noise);

        public void Dispose()
        {
            step.Dispose();
            Pair.Dispose();
            Real.Dispose();
            noise.Dispose();
        }
    }

    private static Tensor Flat(GanPair pair) =>
        cat([.. pair.Generator.parameters().Concat(pair.Discriminator.parameters()).Select(p => p.detach().flatten())]).DetachFromDisposeScope();

    [Theory]
    [InlineData("mlp", "adam", 1)]
    [InlineData("mlp-128", "rmsprop", 2)]
    [InlineData("toy", "sgd", 1)]
    [InlineData("dcgan-small", "adam", 1)]
    [InlineData("mlp-128", "adam", 2)]
    [InlineData("mlp-128", "rmsprop", 1)]
    [InlineData("mlp", "rmsprop", 1)]
    [InlineData("mlp", "sgd", 2)]
    public void The_step_trains_the_networks_as_the_tutorials_step_does(string arch, string optimizer, int dSteps)
    {
        var options = Options(arch, optimizer, dSteps);
        var shape = ShapeOf(arch);
        using var realBatch = arch == Architectures.Toy ? randn([Batch, 1]) + 10 : rand([Batch, 1, 28, 28]) * 2 - 1;

        manual_seed(7);
        using var tutorial = Architectures.Create(arch, options.EffectiveLatentSize, options.Width, shape);
        var initial = Flat(tutorial);
        using var optimizerD = Optimizers.Create(options, tutorial.Discriminator.parameters(), options.EffectiveLrD);
        using var optimizerG = Optimizers.Create(options, tutorial.Generator.parameters(), options.EffectiveLrG);
        using (var noise = new Generator(3, CPU))
        {
            // The DCGAN's D draws dropout masks: each run draws them from the same default generator.
            manual_seed(11);
            for (var i = 0; i < 5; i++)
                TutorialStep(options, tutorial, optimizerD, optimizerG, () => realBatch, noise);
        }

        manual_seed(7);
        using var fast = Architectures.Create(arch, options.EffectiveLatentSize, options.Width, shape);
        using (var step = new TrainingStep(options, fast, shape, CPU))
        using (var noise = new Generator(3, CPU))
        {
            manual_seed(11);
            for (var i = 0; i < 5; i++)
            {
                using var scope = NewDisposeScope();
                step.Run(() => realBatch, noise);
            }
            // What the trial's networks hold is what the step trained: their parameters are views of
            // its buffers. They differ from the tutorial step's by rounding only: one GEMM over both
            // batches rounds otherwise than two, and RMSProp's and Adam's first steps, which
            // normalise each gradient, make a rounding in a gradient near 0 a difference of up to
            // 2 lr in its weight. So the difference is measured against how far training moved them.
            using var expected = Flat(tutorial);
            using var actual = Flat(fast);
            var moved = (expected - initial).norm().ToDouble();
            var difference = (actual - expected).norm().ToDouble();
            Assert.True(difference < 1e-3 * moved, $"The weights differ by {difference} after moving by {moved}.");
        }
    }

    [Fact]
    public void A_discriminator_without_batch_norm_judges_both_batches_in_one_pass_with_the_same_logits()
    {
        using var mlp = new MlpStep();
        // Before the step D updates: the logits it reports are D's judgement before its update.
        using var before = mlp.Pair.Discriminator.forward(mlp.Real).detach().clone();
        using var scope = NewDisposeScope();
        var values = mlp.Run();

        Assert.True(values.LogitsReal.allclose(before, rtol: 1e-5, atol: 1e-6));
        Assert.Equal([Batch, 1], values.LogitsFake.shape);
    }

    [Fact]
    public void Gradients_during_G_step_reach_G_only_and_D_keeps_its_own()
    {
        using var mlp = new MlpStep();
        using var scope = NewDisposeScope();
        var values = mlp.Run();

        // D's gradients are still those of its own loss (their norm is what the step reported), not G's added.
        var normD = mlp.Pair.Discriminator.parameters().Select(p => p.grad!.square().sum()).Aggregate((a, b) => a + b).sqrt();
        Assert.Equal(values.GradNormD.ToDouble(), normD.ToDouble(), 1e-5);
        Assert.All(mlp.Pair.Discriminator.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void A_checkpoint_with_the_optimizer_state_kept_per_parameter_resumes_with_the_same_state()
    {
        // Written by the version before the parameters were flat (sweep train, toy lab, 3 steps).
        var bytes = File.ReadAllBytes(Path.Combine("Fixtures", "sequential-toy-checkpoint.pt"));
        var options = new TrainerOptions { Dataset = DatasetCatalog.Gaussian, Arch = Architectures.Toy, Device = "cpu", Steps = 6, LogEvery = 1 };
        using var reader = CheckpointReader.FromBytes(bytes);
        using var perParameter = Architectures.Create(Architectures.Toy, 1, 0.25, SampleShape.Value);
        using var expected = Optimizers.Create(options, perParameter.Discriminator.parameters(), options.Lr);
        reader.Read("opt_d", expected);

        using var pair = Architectures.Create(Architectures.Toy, 1, 0.25, SampleShape.Value);
        pair.Generator.Read(reader, CheckpointEntries.Generator);
        pair.Discriminator.Read(reader, CheckpointEntries.Discriminator);
        using var step = new TrainingStep(options, pair, SampleShape.Value, CPU);
        step.Read(reader);

        // The flat state, written and read back, holds each parameter's moments in its slice.
        using var writer = new CheckpointWriter();
        step.Write(writer);
        using var written = CheckpointReader.FromBytes(writer.ToArray());
        using var flat = new FlatParameters(Architectures.Create(Architectures.Toy, 1, 0.25, SampleShape.Value).Discriminator);
        using var flatOptimizer = Optimizers.Create(options, [flat.Values], options.Lr);
        written.Read("opt_d_flat", flatOptimizer);
        var whole = (Adam.State)flatOptimizer.state_dict().State.Single();
        var parts = expected.state_dict().State.Cast<Adam.State>().ToList();
        Assert.Equal(3, whole.step);
        Assert.All(parts, s => Assert.Equal(3, s.step));
        Assert.Equal(
            parts.SelectMany(s => s.exp_avg.data<float>().ToArray()).Concat(parts.SelectMany(s => s.exp_avg_sq.data<float>().ToArray())),
            whole.exp_avg.data<float>().ToArray().Concat(whole.exp_avg_sq.data<float>().ToArray()));
        Assert.Contains(whole.exp_avg.data<float>().ToArray(), v => v != 0);

        // And the trial goes on from it.
        using var trainer = new Trainer(options, new GaussianSet(10, 1), new MemorySink());
        var result = trainer.Run(resumeFrom: bytes);
        Assert.Equal(TrialStatus.Completed, result.Status);
        Assert.Equal(6, result.Step);
    }

    [Fact]
    public void Bf16_trains_bfloat16_copies_over_float32_weights_and_resumes_exactly()
    {
        var mnist = DatasetCatalog.Load(DatasetCatalog.Mnist);
        var options = new TrainerOptions { Arch = "mlp-128", Precision = TrainerOptions.PrecisionBf16, Steps = 120, LogEvery = 20, Device = "cpu", Lr = 5e-4 };
        var whole = new MemorySink();
        using (var trainer = new Trainer(options, mnist.Train, whole))
        {
            Assert.Equal(TrialStatus.Completed, trainer.Run().Status);
            Assert.All(trainer.Generator.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
        }
        var last = whole.Metrics.Last(r => r.Step == 120);
        Assert.All(last.Values.Values, v => Assert.True(double.IsFinite(v)));
        // D learns: it tells real from fake better than chance.
        Assert.True(last.Values[MetricNames.DReal] > last.Values[MetricNames.DFakeBefore]);

        using var cancellation = new CancellationTokenSource();
        var firstHalf = new MemorySink();
        using (var trainer = new Trainer(options, mnist.Train, firstHalf, onRecord: r => { if (r.Step == 60) cancellation.Cancel(); }))
            trainer.Run(cancellation.Token);
        var secondHalf = new MemorySink();
        using (var trainer = new Trainer(options, mnist.Train, secondHalf))
            trainer.Run(resumeFrom: firstHalf.Artifacts.Last(a => a.Kind == ArtifactKind.Checkpoint).Bytes);

        static IEnumerable<(long, string, double)> Values(IEnumerable<MetricRecord> records) =>
            records.SelectMany(r => r.Values.Where(v => v.Key != MetricNames.StepsPerSecond).Select(v => (r.Step, v.Key, v.Value)));
        Assert.Equal(Values(whole.Metrics.Where(r => r.Step > 60)), Values(secondHalf.Metrics));
    }
}
