using Coordinator.Sweeps;
using Gan.Core.Metrics;
using Silo.Stores;
using Silo.Trials;

/// <summary>
/// The store the report tests read: a tiny real MNIST sweep trained by `sweep run` (two learning
/// rates, three epochs, so three sample grids and three quick FIDs each), and sweeps put in through
/// the store's own interface for what a run seldom leaves: a queued trial with no metrics, a failed,
/// a diverged and an early-stopped one, and names, values and errors made of markup.
/// </summary>
public sealed class ReportSweeps : IDisposable
{
    /// <summary>Markup that would set window.__xss if it ever ran.</summary>
    public const string ScriptName = "<script>window.__xss=1</script>";

    public const string ImageMarkup = "\"><img src=x onerror=\"window.__xss=2\">";

    public ReportSweeps()
    {
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, "tiny.yaml");
        File.WriteAllText(file, """
            name: tiny
            description: Two learning rates on the MNIST MLP, three epochs each.
            base: {dataset: mnist, arch: mlp, steps: 240, log_every: 20, eval_samples: 200, score_every: 80}
            parameters:
              lr: {values: [0.0002, 0.001]}
            """);
        var (exitCode, output, error) = SweepProcess.Run("run", file, "--db", Database, "--workers", "1");
        if (exitCode != 0)
            throw new InvalidOperationException($"sweep run exited with {exitCode}: {output}{error}");
        AddTroubledSweep("troubled", $"description: '{ImageMarkup}'");
        AddTroubledSweep(ScriptName, "");
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "sweep-report-" + Guid.NewGuid().ToString("N"));

    public string Database => Path.Combine(Folder, "sweeps.db");

    public ISweepStore Open() => SweepStoreFactory.Open(StoreLocation.Parse(Database));

    /// <summary>Writes the report of <paramref name="sweep"/> with `sweep report`; its path.</summary>
    public string Report(string sweep, params string[] options)
    {
        var path = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".html");
        var (exitCode, output, error) = SweepProcess.Run(["report", sweep, "--db", Database, "-o", path, .. options]);
        return exitCode == 0 ? path : throw new InvalidOperationException($"sweep report exited with {exitCode}: {output}{error}");
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>
    /// A sweep of five trials whose data_dir (a free-text option) is markup: one completed with
    /// metrics, one failed with markup in its error, one diverged with NaN losses, one stopped by
    /// hyperband at step 40, one still queued.
    /// </summary>
    private void AddTroubledSweep(string name, string description)
    {
        using var store = Open();
        var text = $"name: {name}\n{description}\nparameters:\n  lr: {{values: [0.001, 0.002, 0.003, 0.004, 0.005]}}\n";
        // Each data_dir differs, so that the table shows it as a swept column.
        var trials = new[] { 0.001, 0.002, 0.003, 0.004, 0.005 }
            .Select(lr => new TrialConfig(new Dictionary<string, object> { ["lr"] = lr, ["data_dir"] = $"{ImageMarkup}{lr}" })).ToList();
        store.CreateSweep(new NewSweep(name, text, "fid", true), trials);
        var completed = store.Claim(name, "w", TimeSpan.FromMinutes(1))!;
        foreach (var step in new[] { 20L, 40L, 60L })
            store.AddMetrics(completed.Claim!, Record(step, 0.7));
        store.Finish(completed.Claim!, TrialStates.Completed, Gan.Core.Training.HealthFlags.None, null);
        var failed = store.Claim(name, "w", TimeSpan.FromMinutes(1))!;
        store.AddMetrics(failed.Claim!, Record(20, 0.7));
        store.Finish(failed.Claim!, TrialStates.Failed, Gan.Core.Training.HealthFlags.None, $"Out of memory {ImageMarkup}");
        var diverged = store.Claim(name, "w", TimeSpan.FromMinutes(1))!;
        store.AddMetrics(diverged.Claim!, Record(20, 0.7));
        store.AddMetrics(diverged.Claim!, Record(40, double.NaN));
        store.Finish(diverged.Claim!, TrialStates.Diverged, Gan.Core.Training.HealthFlags.Diverged, "A loss became NaN by step 40.");
        var stopped = store.Claim(name, "w", TimeSpan.FromMinutes(1))!;
        store.AddMetrics(stopped.Claim!, Record(20, 0.7));
        store.AddMetrics(stopped.Claim!, Record(40, 0.9, quickFid: 410));
        store.Heartbeat(stopped.Claim!, TimeSpan.FromMinutes(1), 40, 240);
        store.Finish(stopped.Claim!, TrialStates.Stopped, Gan.Core.Training.HealthFlags.None, "at step 40: hyperband: fid_quick 410 is not in the best third at rung 40.");
    }

    private static MetricRecord Record(long step, double loss, double? quickFid = null)
    {
        var values = new Dictionary<string, double>
        {
            [MetricNames.LossD] = loss, [MetricNames.LossG] = loss, [MetricNames.DReal] = 0.5, [MetricNames.DFakeBefore] = 0.5,
        };
        if (quickFid is { } fid)
            values[MetricNames.QuickFid] = fid;
        return new MetricRecord(step, 0, values);
    }
}
