using Coordinator.Cli;
using Silo.Search;
using Silo.Stores;

/// <summary>
/// method: bayes through the real program: the sweep grows from its random start-up trials to
/// run_cap as the slot frees up, proposes the same trials when run again with the same seed, and
/// has nothing left to resume once it is done; a search space that cannot be read ends its sweep
/// alone, with the trials it has. About two minutes.
/// </summary>
public sealed class BayesSearchRunTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-bayes-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Database => Path.Combine(folder, "sweeps.db");

    private IReadOnlyList<TrialRecord> Trials(string name)
    {
        using var store = SqliteSweepStore.OpenReadOnly(Database);
        return store.Trials(name);
    }

    private (IReadOnlyList<TrialRecord> Trials, string Output) Run(string file, string name)
    {
        var (exitCode, output, error) = SweepProcess.Run("run", file, "--db", Database, "--name", name, "--workers", "1");
        Assert.True(exitCode == ExitCodes.Ok, output + error);
        return (Trials(name), output);
    }

    private string WriteSweep()
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
        return file;
    }

    [Fact]
    public void A_bayes_sweep_proposes_trials_up_to_run_cap_and_the_same_ones_again_for_the_same_seed()
    {
        var file = WriteSweep();

        var (first, output) = Run(file, "first");
        var (again, _) = Run(file, "again");

        Assert.Contains($"Sweep first: bayes: {TreeParzen.DefaultStartupTrials} random, then TPE up to 8 trials, ranked by wasserstein", output);
        Assert.Equal(Enumerable.Range(1, 8), first.Select(t => t.Index));
        Assert.All(first, t => Assert.Equal(TrialStates.Completed, t.Status));
        Assert.Equal(first.Select(t => t.Config.ToJson()), again.Select(t => t.Config.ToJson()));
        // The proposals come after the start-up trials ended, one at a time: each starts after the one before it ended.
        Assert.All(first.Skip(TreeParzen.DefaultStartupTrials), t => Assert.True(t.Started >= first[t.Index - 2].Finished));
        var (exitCode, resumed, _) = SweepProcess.Run("resume", "first", "--db", Database);
        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("Nothing to run: every trial has ended.", resumed);
    }

    [Theory]
    // What another version of sweep, or a hand edit, could leave: the space without its parameters.
    [InlineData("'{\"base\": {}}'", ExitCodes.BadInput, "The search space stored with sweep 'damaged' cannot be read")]
    // A space that reads, but that TPE fails on: beta1 with no values to choose from.
    [InlineData("replace(search, '[0.5,0.9]', '[]')", ExitCodes.Failure, "Sweep damaged ended after 5 trials: its search failed to propose the other 3.")]
    public void A_search_that_fails_ends_its_sweep_with_the_trials_it_has_and_says_why(string search, int exitCode, string message)
    {
        using var run = SweepProcess.Start("run", WriteSweep(), "--db", Database, "--name", "damaged", "--workers", "1");
        SweepProcess.WaitUntil(() => Trials("damaged").Any(t => t.Status == TrialStates.Running), "a running trial", () => run.Process.HasExited ? run.Output + run.Error : null);
        RawSql.Execute(Database, $"UPDATE sweeps SET search = {search} WHERE name = 'damaged'");
        run.WaitForExit();

        // The start-up trials were queued with the sweep, so they run and keep their results; no more are proposed.
        Assert.Equal(Enumerable.Repeat(TrialStates.Completed, TreeParzen.DefaultStartupTrials), Trials("damaged").Select(t => t.Status));
        Assert.True(run.Process.ExitCode == exitCode, run.Output + run.Error);
        Assert.Contains(message, run.Error);
        // Resuming meets the same failure, and says it again; with SWEEP_LOG, the silo's log says what failed.
        using var resumed = SweepProcess.StartWith(new Dictionary<string, string> { ["SWEEP_LOG"] = "error" }, "resume", "damaged", "--db", Database);
        resumed.WaitForExit();
        Assert.Equal(exitCode, resumed.Process.ExitCode);
        Assert.Contains(message, resumed.Error);
        Assert.Equal(TreeParzen.DefaultStartupTrials, Trials("damaged").Count);
        if (exitCode == ExitCodes.Failure)
            Assert.Contains("Sweep damaged: no more trials can be proposed, so it ends with those it has.", resumed.Error);
    }
}
