using System.Globalization;
using Coordinator.Cli;
using Silo.Stores;

/// <summary>
/// Early termination through the real program: planted failing trials (G's learning rate a
/// thousandth of D's, so D wins outright and G never improves) are stopped at the step their rule
/// names, a healthy one beside them trains to the end, and resume leaves the stopped ones alone.
/// About a minute and a half.
/// </summary>
public sealed class EarlyTerminationRunTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-early-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Database => Path.Combine(folder, "sweeps.db");

    /// <summary>Runs a two-trial sweep, the healthy trial first, and returns its trials in file order.</summary>
    private IReadOnlyList<TrialRecord> RunPlanted(string name, string earlyTerminate, int workers)
    {
        var file = Path.Combine(folder, name + ".yaml");
        File.WriteAllText(file, $"""
            name: {name}
            early_terminate: {earlyTerminate}
            base: {"{"}lr: 0.003, steps: 600, eval_samples: 200{"}"}
            parameters:
              lr_g: {"{"}values: [0.003, 0.000001]{"}"}
            """);
        var (exitCode, output, error) = SweepProcess.Run("run", file, "--db", Database, "--workers", workers.ToString(CultureInfo.InvariantCulture));
        Assert.True(exitCode == ExitCodes.Ok, output + error);
        using var store = SqliteSweepStore.OpenReadOnly(Database);
        return store.Trials(name);
    }

    private static void AssertStopped(TrialRecord trial, long step, string rule)
    {
        Assert.Equal(TrialStates.Stopped, trial.Status);
        Assert.Equal(step, trial.Step);
        Assert.StartsWith($"at step {step}: {rule}", trial.Error);
    }

    private static void AssertHealthy(TrialRecord trial)
    {
        Assert.Equal(TrialStates.Completed, trial.Status);
        Assert.Equal(600, trial.Step);
    }

    [Fact]
    public void Gan_health_stops_a_saturated_D_at_the_end_of_the_grace_and_resume_leaves_it_stopped()
    {
        var trials = RunPlanted("health", "{type: gan-health}", workers: 2);

        AssertHealthy(trials[0]);
        AssertStopped(trials[1], 400, "gan-health d_saturated");
        var (_, table, _) = Cli.Run("show", "health", "--db", Database);
        Assert.Contains("stopped@400 gan-health d_saturated", table);
        // A stopped trial is scored like a completed one, from its best generator.
        using (var store = SqliteSweepStore.OpenReadOnly(Database))
            Assert.InRange(store.Evaluation(trials[1].Id)!.Step!.Value, 1, 400);

        var (exitCode, output, error) = SweepProcess.Run("resume", "health", "--db", Database, "--failed");

        Assert.True(exitCode == ExitCodes.Ok, output + error);
        Assert.Contains("Nothing to run", output);
        using var after = SqliteSweepStore.OpenReadOnly(Database);
        Assert.Equal(TrialStates.Stopped, after.Trial(trials[1].Id)!.Status);
    }

    [Fact]
    public void Hyperband_stops_the_worse_trial_at_the_first_rung_it_shares_with_a_better_one()
    {
        // One worker: the healthy trial reaches rungs 200 and 400 alone and goes on.
        var trials = RunPlanted("asha", "{type: hyperband, min_iter: 200, eta: 2}", workers: 1);

        AssertHealthy(trials[0]);
        AssertStopped(trials[1], 200, "hyperband: fid_quick");
        Assert.Contains("outside the best 1/2 of the 2 trials there", trials[1].Error);
    }

    [Fact]
    public void Median_stops_a_trial_worse_than_its_peers_at_the_same_step()
    {
        var trials = RunPlanted("median", "{type: median, min_iter: 200, interval: 200, min_trials: 1}", workers: 1);

        AssertHealthy(trials[0]);
        AssertStopped(trials[1], 200, "median: fid_quick");
    }
}
