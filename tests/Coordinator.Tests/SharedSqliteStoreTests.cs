using Coordinator.Cli;
using Silo.Stores;

/// <summary>
/// Several `sweep run` and `sweep resume` processes on one SQLite file, as README allows: each is a
/// one-silo cluster of its own, runs only the sweeps it was asked to, and never takes another
/// process's live trial for lost. Every trial completes once, on its first attempt.
/// </summary>
public sealed class SharedSqliteStoreTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweep-shared-" + Guid.NewGuid().ToString("N"));

    public SharedSqliteStoreTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Database => Path.Combine(folder, "s.db");

    private string SweepFile(string name, int trials)
    {
        var path = Path.Combine(folder, name + ".yaml");
        File.WriteAllText(path, $$"""
            name: {{name}}
            method: grid
            metric: {name: wasserstein, goal: minimize}
            base: {dataset: gaussian, arch: toy, steps: 4000, log_every: 100}
            parameters:
              lr: {values: [{{string.Join(", ", Enumerable.Range(1, trials).Select(i => $"0.00{i}"))}}]}
            """);
        return path;
    }

    private IReadOnlyList<TrialRecord> Trials(string sweep)
    {
        using var store = SqliteSweepStore.OpenReadOnly(Database);
        return store.Trials(sweep);
    }

    private bool Running(string sweep) => File.Exists(Database) && Trials(sweep).Any(t => t.Status == TrialStates.Running);

    /// <summary>The silo whose slot trained the trial, from the worker id it was claimed under ("SILO/slotN/HOST:PID").</summary>
    private static string Silo(TrialRecord trial) => Assert.IsType<string>(trial.Worker)[..trial.Worker!.IndexOf('/')];

    private static void AssertCompletedOnce(IReadOnlyList<TrialRecord> trials, int count)
    {
        Assert.Equal(count, trials.Count);
        Assert.All(trials, t => Assert.True(t.Status == TrialStates.Completed && t.Attempts == 1, $"trial {t.Id}: {t.Status} after {t.Attempts} attempts ({t.Error})"));
    }

    [Fact]
    public void Two_sweep_runs_on_one_sqlite_file_each_run_their_own_sweep_and_complete_every_trial_once()
    {
        using var a = SweepProcess.Start("run", SweepFile("a", 2), "--store", Database, "--workers", "1");
        a.WaitFor(() => Running("a"), "a's first trial running");
        using var b = SweepProcess.Start("run", SweepFile("b", 2), "--store", Database, "--workers", "1");
        a.WaitForExit();
        b.WaitForExit();

        Assert.True(a.Process.ExitCode == ExitCodes.Ok, a.Output + a.Error);
        Assert.True(b.Process.ExitCode == ExitCodes.Ok, b.Output + b.Error);
        AssertCompletedOnce(Trials("a"), 2);
        AssertCompletedOnce(Trials("b"), 2);
        // Each process trained only its own sweep: a's trials ran on one silo, b's on another.
        var siloOfA = Assert.Single(Trials("a").Select(Silo).Distinct());
        var siloOfB = Assert.Single(Trials("b").Select(Silo).Distinct());
        Assert.NotEqual(siloOfA, siloOfB);
        Assert.DoesNotContain("died", a.Error + b.Error);
    }

    [Fact]
    public void A_resume_started_beside_a_run_of_the_same_sweep_shares_its_trials_and_both_finish()
    {
        using var run = SweepProcess.Start("run", SweepFile("shared", 3), "--store", Database, "--workers", "1");
        run.WaitFor(() => Running("shared"), "the run's first trial running");
        using var resume = SweepProcess.Start("resume", "shared", "--store", Database, "--workers", "1");
        run.WaitForExit();
        resume.WaitForExit();

        Assert.True(run.Process.ExitCode == ExitCodes.Ok, run.Output + run.Error);
        Assert.True(resume.Process.ExitCode == ExitCodes.Ok, resume.Output + resume.Error);
        AssertCompletedOnce(Trials("shared"), 3);
        Assert.DoesNotContain("died", run.Error + resume.Error);
    }

    [Fact]
    public void A_resume_with_nothing_queued_leaves_trials_running_elsewhere_alone_and_exits_0()
    {
        using (var store = SqliteSweepStore.Open(Database))
        {
            store.CreateSweep(Coordinator.Sweeps.SweepFileParser.Parse("name: held\nparameters:\n  lr: {values: [0.001]}", "held.yaml").ToNewSweep(),
                [new Silo.Trials.TrialConfig(new Dictionary<string, object> { ["lr"] = 0.001 })]);
            // Held by a worker of another machine: alive as far as this one can tell, until its lease runs out.
            store.Claim("held", "S10.0.0.9:11111:1/slot0/another-host:4242", TimeSpan.FromMinutes(2));
        }

        var (exitCode, output, error) = Cli.Run("resume", "held", "--store", Database);

        Assert.True(exitCode == ExitCodes.Ok, output + error);
        Assert.Contains("Nothing to run here: 1 trial of the sweep is running elsewhere", output, StringComparison.Ordinal);
        Assert.Equal((TrialStates.Running, 1), (Trials("held").Single().Status, Trials("held").Single().Attempts));
    }
}
