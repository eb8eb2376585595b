using Gan.Core.Data;
using Gan.Core.Metrics;
using Gan.Core.Models;
using Gan.Core.Training;
using static TorchSharp.torch;

/// <summary>A fact that needs a CUDA device and a CUDA build of libtorch; skipped elsewhere.</summary>
public sealed class GpuFactAttribute : FactAttribute
{
    public GpuFactAttribute()
    {
        // A CPU-only libtorch (the default build) reports no device even on a GPU machine.
        if (!cuda.is_available())
            Skip = "No CUDA device, or libtorch is the CPU build (-p:TorchBackend=cuda selects the GPU one): GPU test skipped.";
    }
}

/// <summary>Training on a GPU: the same trainer, the tensors on cuda:N, checkpoints portable to the CPU.</summary>
public class GpuTrainingTests
{
    private static readonly Dataset Mnist = DatasetCatalog.Load(DatasetCatalog.Mnist);

    [GpuFact]
    public void An_mlp_trial_trains_on_the_last_gpu_and_its_checkpoint_loads_on_the_cpu()
    {
        // The last device, so that cuda:N for N > 0 is exercised wherever there are several.
        var device = $"cuda:{cuda.device_count() - 1}";
        var options = new TrainerOptions { Steps = 200, LogEvery = 50, Device = device, Lr = 5e-4 };
        var sink = new MemorySink();
        using (var trainer = new Trainer(options, Mnist.Train, sink))
        {
            Assert.Equal(device, trainer.Device.ToString());
            Assert.Equal(TrialStatus.Completed, trainer.Run().Status);
        }

        Assert.All(sink.Metrics, r => Assert.All(r.Values.Values, v => Assert.True(double.IsFinite(v))));
        var checkpoint = sink.Artifacts.Last(a => a.Kind == ArtifactKind.Checkpoint).Bytes;
        using var generator = Architectures.LoadGenerator(Architectures.Mlp, options.EffectiveLatentSize, options.Width, Gan.Core.Models.SampleShape.Grey28, checkpoint, CPU);
        using var images = generator.forward(randn([4, options.EffectiveLatentSize]));
        Assert.Equal(new long[] { 4, 1, 28, 28 }, images.shape);
    }

    [GpuFact]
    public void A_trial_resumed_on_the_gpu_ends_where_an_uninterrupted_one_does()
    {
        var options = new TrainerOptions { Steps = 160, LogEvery = 40, Device = "cuda:0", Lr = 5e-4 };
        var whole = new MemorySink();
        using (var trainer = new Trainer(options, Mnist.Train, whole))
            trainer.Run();
        var firstEpoch = whole.Artifacts.First(a => a.Kind == ArtifactKind.Checkpoint && a.Step == 80).Bytes;

        var resumed = new MemorySink();
        using (var trainer = new Trainer(options, Mnist.Train, resumed))
            trainer.Run(resumeFrom: firstEpoch);

        // cuDNN and atomics may reorder float sums, so the GPU promises closeness, not bits.
        var expected = whole.Metrics.Last();
        var actual = resumed.Metrics.Last();
        Assert.Equal(expected.Step, actual.Step);
        Assert.Equal(expected[MetricNames.LossD], actual[MetricNames.LossD], 2);
        Assert.Equal(expected[MetricNames.LossG], actual[MetricNames.LossG], 2);
    }

    [GpuFact]
    public void A_bf16_dcgan_small_trial_trains_on_the_gpu_over_float32_weights()
    {
        var options = new TrainerOptions { Arch = "dcgan-small", Precision = TrainerOptions.PrecisionBf16, Steps = 160, LogEvery = 40, Device = "cuda:0", Lr = 2e-4, BatchSize = 64 };
        var sink = new MemorySink();
        using (var trainer = new Trainer(options, Mnist.Train, sink))
        {
            Assert.Equal(TrialStatus.Completed, trainer.Run().Status);
            Assert.All(trainer.Generator.parameters(), p => Assert.Equal(TorchSharp.torch.ScalarType.Float32, p.dtype));
        }

        Assert.All(sink.Metrics, r => Assert.All(r.Values.Values, v => Assert.True(double.IsFinite(v))));
        var last = sink.Metrics.Last();
        Assert.True(last[MetricNames.DReal] > last[MetricNames.DFakeBefore]);
    }
}
