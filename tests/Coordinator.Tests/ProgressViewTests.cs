using Coordinator.Results;
using Silo.Search;
using Coordinator.Cli;
using Coordinator.Sweeps;
using Gan.Core.Metrics;
using Silo.Stores;
using Silo.Trials;

/// <summary>The progress lines `sweep run` and `sweep watch` print, read from a real store.</summary>
public sealed class ProgressViewTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweep-progress-" + Guid.NewGuid().ToString("N"));

    public ProgressViewTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_running_trial_shows_the_step_its_metrics_reached_when_its_heartbeat_lags()
    {
        using var store = SqliteSweepStore.Open(Path.Combine(folder, "sweeps.db"));
        var sweep = SweepFileParser.Parse("name: p\nparameters:\n  lr: {values: [0.001, 0.002]}", "p.yaml");
        store.CreateSweep(sweep.ToNewSweep(), [.. sweep.Trials.Select(t => new TrialConfig(t))]);
        var trial = store.Claim("p", "w", TimeSpan.FromMinutes(1))!;
        // The first heartbeat goes out as training starts; a short trial then logs up to step
        // 1500 before the next one.
        store.Heartbeat(trial.Claim!, TimeSpan.FromMinutes(1), 0, 2000);
        store.AddMetrics(trial.Claim!, new MetricRecord(1500, 14, new Dictionary<string, double> { [MetricNames.DReal] = 0.5 }));
        var output = new StringWriter();

        new ProgressView(store, output).Update(store.Trials("p"));

        var line = output.ToString().Split('\n').Single(l => l.StartsWith($"trial {trial.Id,3} lr=", StringComparison.Ordinal));
        Assert.Contains("epoch  14 [###############.....] 1500/2000", line);
        Assert.Contains("D(x) 0.500", line);
    }
}
