using Coordinator.Cli;
using Silo.Stores;

/// <summary>
/// A sweep's target and time budget through the real program: once reached, queued trials end as
/// stopped and never start; with a budget the running trial stops too, and is scored. Under a minute.
/// </summary>
public sealed class SweepLimitsRunTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-limits-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Database => Path.Combine(folder, "sweeps.db");

    private (IReadOnlyList<TrialRecord> Trials, string Output) Run(string name, string text)
    {
        var file = Path.Combine(folder, name + ".yaml");
        File.WriteAllText(file, $"name: {name}\n{text}");
        var (exitCode, output, error) = SweepProcess.Run("run", file, "--db", Database, "--workers", "1");
        // Trials stopped on purpose are no failure.
        Assert.True(exitCode == ExitCodes.Ok, output + error);
        using var store = SqliteSweepStore.OpenReadOnly(Database);
        return (store.Trials(name), output);
    }

    [Fact]
    public void A_spent_budget_stops_the_running_trial_and_starts_no_other()
    {
        var (trials, output) = Run("budget", """
            budget: 10s
            base: {lr: 0.003, steps: 20000, eval_samples: 200}
            parameters:
              seed: {values: [0, 1, 2]}
            """);

        Assert.All(trials, t => Assert.Equal(TrialStates.Stopped, t.Status));
        Assert.InRange(trials[0].Step, 1, 19999);
        Assert.Equal($"at step {trials[0].Step}: budget: the sweep's 10s is spent", trials[0].Error);
        Assert.All(trials.Skip(1), t => Assert.Equal((0L, "budget: the sweep's 10s is spent", (DateTimeOffset?)null), (t.Step, t.Error, t.Started)));
        Assert.Contains("stopped@0 budget", output);
        using var store = SqliteSweepStore.OpenReadOnly(Database);
        Assert.NotNull(store.Evaluation(trials[0].Id));
    }

    [Fact]
    public void A_reached_target_ends_the_sweep_after_the_trial_that_reached_it()
    {
        var (trials, output) = Run("target", """
            metric: {name: wasserstein, goal: minimize, target: 1000}
            base: {dataset: gaussian, arch: toy, steps: 2000}
            parameters:
              seed: {values: [0, 1, 2, 3]}
            """);

        Assert.Equal(TrialStates.Completed, trials[0].Status);
        Assert.All(trials.Skip(1), t => Assert.Equal(TrialStates.Stopped, t.Status));
        Assert.All(trials.Skip(1), t => Assert.StartsWith($"target: trial {trials[0].Id} reached wasserstein ", t.Error));
        Assert.Contains("stopped@0 target", output);
    }
}
