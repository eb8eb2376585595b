using Gan.Core.Data;
using Gan.Core.Metrics;
using Gan.Core.Runtime;
using Gan.Core.Training;

public class ScalarLifetimesTests
{
    private static readonly TrainerOptions ToyLab = new()
    {
        Dataset = DatasetCatalog.Gaussian, Arch = "toy", Lr = 0.005, Steps = 6_000, LogEvery = 500, Device = "cpu",
    };

    private static List<(long, string, double)> Train()
    {
        var sink = new MemorySink();
        using var trainer = new Trainer(ToyLab, new GaussianSet(10, 1), sink);
        Assert.Equal(TrialStatus.Completed, trainer.Run().Status);
        return [.. sink.Metrics.SelectMany(r => r.Values.Where(v => v.Key != MetricNames.StepsPerSecond).Select(v => (r.Step, v.Key, v.Value)))];
    }

    [Fact]
    public void Collections_forced_by_another_thread_neither_break_nor_change_training()
    {
        // Without the setting (tests/tests.runsettings), this run failed within seconds with
        // "Unknown scalar type": a collection freed a Scalar that libtorch was still reading.
        Assert.True(ScalarLifetimes.Protected, $"the test host must start with {ScalarLifetimes.Variable}=1");
        var quiet = Train();
        using var stop = new CancellationTokenSource();
        var collections = 0;
        var collector = new Thread(() =>
        {
            for (; !stop.IsCancellationRequested; collections++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        List<(long, string, double)> disturbed;
        try
        {
            disturbed = Train();
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }

        Assert.True(collections > 1000, $"only {collections} collections were forced");
        Assert.Equal(quiet, disturbed);
    }
}
