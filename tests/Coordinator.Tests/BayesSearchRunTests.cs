using Coordinator.Cli;
using Silo.Search;
using Silo.Stores;

/// <summary>
/// method: bayes through the real program: the sweep grows from its random start-up trials to
/// run_cap as the slot frees up, proposes the same trials when run again with the same seed, and
/// has nothing left to resume once it is done. About a minute.
/// </summary>
public sealed class BayesSearchRunTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-bayes-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Database => Path.Combine(folder, "sweeps.db");

    private (IReadOnlyList<TrialRecord> Trials, string Output) Run(string file, string name)
    {
        var (exitCode, output, error) = SweepProcess.Run("run", file, "--db", Database, "--name", name, "--workers", "1");
        Assert.True(exitCode == ExitCodes.Ok, output + error);
        using var store = SqliteSweepStore.OpenReadOnly(Database);
        return (store.Trials(name), output);
    }

    [Fact]
    public void A_bayes_sweep_proposes_trials_up_to_run_cap_and_the_same_ones_again_for_the_same_seed()
    {
        var file = Path.Combine(folder, "bayes.yaml");
        File.WriteAllText(file, """
            method: bayes
            run_cap: 8
            random_seed: 5
            metric: {name: wasserstein, goal: minimize}
            base: {dataset: gaussian, arch: toy, steps: 200, batch_size: 100, log_every: 100}
            parameters:
              lr: {distribution: log_uniform_values, min: 0.00001, max: 0.01}
              beta1: {values: [0.5, 0.9]}
            """);

        var (first, output) = Run(file, "first");
        var (again, _) = Run(file, "again");

        Assert.Contains($"Sweep first: bayes: {TreeParzen.StartupTrials} random, then TPE up to 8 trials, ranked by wasserstein", output);
        Assert.Equal(Enumerable.Range(1, 8), first.Select(t => t.Index));
        Assert.All(first, t => Assert.Equal(TrialStates.Completed, t.Status));
        Assert.Equal(first.Select(t => t.Config.ToJson()), again.Select(t => t.Config.ToJson()));
        // The proposals come after the start-up trials ended, one at a time: each starts after the one before it ended.
        Assert.All(first.Skip(TreeParzen.StartupTrials), t => Assert.True(t.Started >= first[t.Index - 2].Finished));
        var (exitCode, resumed, _) = SweepProcess.Run("resume", "first", "--db", Database);
        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("Nothing to run: every trial has ended.", resumed);
    }
}
