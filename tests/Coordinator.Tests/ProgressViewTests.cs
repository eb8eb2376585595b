using Coordinator.Results;
using Silo.Search;
using Coordinator.Cli;
using Coordinator.Sweeps;
using Gan.Core.Metrics;
using Gan.Core.Training;
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

        new ProgressView(store, "p", output).Update();

        var line = output.ToString().Split('\n').Single(l => l.StartsWith($"trial {trial.Id,3} lr=", StringComparison.Ordinal));
        Assert.Contains("epoch  14 [###############.....] 1500/2000", line);
        Assert.Contains("D(x) 0.500", line);
    }

    [Fact]
    public void A_large_sweep_is_followed_by_its_counts_not_a_line_per_trial()
    {
        using var store = SqliteSweepStore.Open(Path.Combine(folder, "sweeps.db"));
        var trials = ProgressView.TrialLinesUpTo + 50;
        store.CreateSweep(new NewSweep("big", "name: big", "fid", true),
            [.. Enumerable.Range(0, trials).Select(i => new TrialConfig(new Dictionary<string, object> { ["lr"] = 1e-4 * (1 + i), ["seed"] = 1L }))]);
        for (var i = 0; i < 120; i++)
        {
            var claim = store.Claim("big", "w", TimeSpan.FromMinutes(1))!.Claim!;
            store.Finish(claim, i % 40 == 0 ? TrialStates.Failed : TrialStates.Completed, HealthFlags.None, i % 40 == 0 ? "boom" : null);
        }
        // Two slots train: the options that differ between the trials a view has seen are the swept ones.
        var running = store.Claim("big", "w", TimeSpan.FromMinutes(1))!;
        store.Heartbeat(running.Claim!, TimeSpan.FromMinutes(1), 10, 40);
        store.Claim("big", "w2", TimeSpan.FromMinutes(1));
        var output = new StringWriter();
        var view = new ProgressView(store, "big", output);

        view.Update();
        view.Finish();

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"{trials} trials: progress every 10 s rather than a line per trial; 'sweep show big' lists them.", lines[0]);
        Assert.DoesNotContain(lines, l => l.Contains("completed", StringComparison.Ordinal) && l.StartsWith("trial ", StringComparison.Ordinal));
        // The running trial's line names the option that differs between the trials seen, not the one they share.
        Assert.Contains(lines, l => l.StartsWith($"trial {running.Id,3} lr=", StringComparison.Ordinal) && l.Contains("[#####...............] 10/40", StringComparison.Ordinal) && !l.Contains("seed=", StringComparison.Ordinal));
        Assert.Equal($"120/{trials} trials done (117 completed, 3 failed)", lines[^1]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void A_small_sweep_prints_a_line_for_each_trial_that_ends_and_counts_how_they_ended()
    {
        using var store = SqliteSweepStore.Open(Path.Combine(folder, "sweeps.db"));
        var sweep = SweepFileParser.Parse("name: p\nparameters:\n  lr: {values: [0.001, 0.002, 0.003]}", "p.yaml");
        store.CreateSweep(sweep.ToNewSweep(), [.. sweep.Trials.Select(t => new TrialConfig(t))]);
        var output = new StringWriter();
        var view = new ProgressView(store, "p", output);
        view.Update();
        var first = store.Claim("p", "w", TimeSpan.FromMinutes(1))!;
        store.Finish(first.Claim!, TrialStates.Failed, HealthFlags.None, "out of memory");
        var second = store.Claim("p", "w", TimeSpan.FromMinutes(1))!;

        view.Update();
        view.Finish();

        var text = output.ToString();
        Assert.Contains($"trial {first.Id} (lr=0.001) failed: out of memory", text);
        Assert.Contains($"trial {second.Id} (lr=0.002) running", text);
        Assert.Contains("1/3 trials done (0 completed, 1 failed)", text);
    }

    [Theory]
    [InlineData("method: pbt\nbase: {steps: 300}\nparameters:\n  lr: {values: [0.001, 0.002]}\npbt: {population: 4, perturbation_interval: 100}", "0/12 trials done")]
    [InlineData("method: bayes\nrun_cap: 9\nparameters:\n  lr: {values: [0.001, 0.002]}", "0/9 trials done")]
    // A bayes sweep bounded only by its budget may grow to any size: what is stored is what is counted.
    [InlineData("method: bayes\nbudget: 1h\nparameters:\n  lr: {values: [0.001, 0.002]}", "0/5 trials done")]
    public void A_learning_sweep_counts_the_trials_its_search_is_still_to_propose(string text, string summary)
    {
        using var store = SqliteSweepStore.Open(Path.Combine(folder, "sweeps.db"));
        var sweep = SweepFileParser.Parse("name: p\n" + text, "p.yaml");
        store.CreateSweep(sweep.ToNewSweep(), sweep.Trials);
        store.Claim("p", "w", TimeSpan.FromMinutes(1));
        var output = new StringWriter();

        new ProgressView(store, "p", output).Update();

        Assert.Contains(summary, output.ToString());
    }
}
