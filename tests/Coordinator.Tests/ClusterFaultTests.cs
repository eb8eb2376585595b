using System.Diagnostics;
using Coordinator.Cli;
using Silo.Stores;

/// <summary>
/// A cluster of real `sweep silo` processes on one real PostgreSQL, hurt at the worst moment:
/// a silo killed, frozen past its timeout, or told to leave; the database restarted; the client
/// killed. Every trial still completes exactly once, and no trainer outlives its silo.
/// </summary>
public sealed class ClusterFaultTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private const int Steps = 1200;
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-cluster-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A new database, whose silos keep weights in a directory they share.</summary>
    private StoreLocation NewStore() => server.NewDatabase() with { Artifacts = Path.Combine(folder, "artifacts") };

    private string SweepFile(string name, int trials)
    {
        var path = Path.Combine(folder, name + ".yaml");
        File.WriteAllText(path, $"""
            name: {name}
            base: {"{"}steps: {Steps}, log_every: 25, eval_samples: 200{"}"}
            parameters:
              seed: {"{"}values: [{string.Join(", ", Enumerable.Range(0, trials))}]{"}"}
            """);
        return path;
    }

    private static IReadOnlyList<TrialRecord> Trials(StoreLocation store, string sweep)
    {
        using var reader = SweepStoreFactory.Open(store);
        return reader.Trials(sweep);
    }

    /// <summary>A running trial that has recorded at least two metric records.</summary>
    private static TrialRecord? Training(StoreLocation store, string sweep)
    {
        using var reader = SweepStoreFactory.Open(store);
        return reader.Trials(sweep).FirstOrDefault(t => t.Status == TrialStates.Running && reader.Metrics(t.Id).Count >= 2);
    }

    /// <summary>Every trial completed once, with its metrics recorded once per step, the given trial in two attempts and the rest in one.</summary>
    private static void AssertExactlyOnce(StoreLocation store, string sweep, int trials, long? retried)
    {
        using var reader = SweepStoreFactory.Open(store);
        var all = reader.Trials(sweep);
        Assert.Equal(trials, all.Count);
        foreach (var trial in all)
        {
            Assert.Equal((TrialStates.Completed, trial.Id == retried ? 2 : 1), (trial.Status, trial.Attempts));
            var steps = reader.Metrics(trial.Id).Select(r => r.Step).ToList();
            Assert.Equal(Enumerable.Range(1, Steps).Where(s => s % 25 == 0 || s % 80 == 0).Select(s => (long)s), steps);
            Assert.NotNull(reader.Evaluation(trial.Id));
            Assert.NotNull(reader.Artifact(trial.Id, Gan.Core.Metrics.ArtifactKind.Generator));
            Assert.Null(reader.Artifact(trial.Id, Gan.Core.Metrics.ArtifactKind.Checkpoint));
        }
    }

    private static void AssertGone(int process) =>
        SweepProcess.WaitUntil(() => !SweepProcess.WorkerAlive(process), $"the exit of trainer {process}");

    [Fact]
    public void A_silo_killed_mid_trial_has_its_trial_resume_on_another_silo_exactly_once()
    {
        var store = NewStore();
        using var cluster = new LocalCluster(store, 3);
        using var run = SweepProcess.Start("run", SweepFile("kill-silo", 3), "--store", store.Text);
        run.WaitFor(() => Training(store, "kill-silo") is not null, "a trial in training");
        var victim = Training(store, "kill-silo")!;
        var silo = cluster.SiloOf(victim.Worker!);

        SweepProcess.Signal(silo.Process.Id, "KILL");

        AssertGone(LocalCluster.TrainerOf(victim.Worker!));
        SweepProcess.WaitUntil(() => Trials(store, "kill-silo").Single(t => t.Id == victim.Id) is { Status: TrialStates.Running, Attempts: 2 }, "the trial running again");
        run.WaitForExit();
        Assert.True(run.Process.ExitCode == ExitCodes.Ok, run.Output + run.Error);
        AssertExactlyOnce(store, "kill-silo", 3, victim.Id);
        Assert.NotEqual(victim.Worker, Trials(store, "kill-silo").Single(t => t.Id == victim.Id).Worker);
    }

    [Fact]
    public void A_silo_frozen_past_its_timeout_is_declared_dead_and_its_late_writes_are_fenced_off()
    {
        var store = NewStore();
        using var cluster = new LocalCluster(store, 2);
        using var run = SweepProcess.Start("run", SweepFile("freeze", 2), "--store", store.Text);
        run.WaitFor(() => Training(store, "freeze") is not null, "a trial in training");
        var victim = Training(store, "freeze")!;
        var silo = cluster.SiloOf(victim.Worker!);
        var trainer = LocalCluster.TrainerOf(victim.Worker!);

        // The silo and its trainer both stop, as a node that hangs would; the cluster declares
        // the silo dead and its trial starts again elsewhere, from its checkpoint.
        SweepProcess.Signal(silo.Process.Id, "STOP");
        SweepProcess.Signal(trainer, "STOP");
        SweepProcess.WaitUntil(() => Trials(store, "freeze").Single(t => t.Id == victim.Id).Attempts == 2, "the trial taken over");
        SweepProcess.Signal(trainer, "CONT");
        SweepProcess.Signal(silo.Process.Id, "CONT");

        // Woken, the old attempt's writes are refused; the silo learns it was declared dead and stops.
        AssertGone(trainer);
        silo.WaitForExit();
        run.WaitForExit();
        Assert.True(run.Process.ExitCode == ExitCodes.Ok, run.Output + run.Error);
        AssertExactlyOnce(store, "freeze", 2, victim.Id);
    }

    [Fact]
    public void A_postgres_restart_mid_sweep_loses_no_trial_and_runs_none_twice()
    {
        var store = NewStore();
        using var cluster = new LocalCluster(store, 2);
        using var run = SweepProcess.Start("run", SweepFile("restart", 3), "--store", store.Text);
        run.WaitFor(() => Training(store, "restart") is not null, "a trial in training");

        server.Stop();
        Thread.Sleep(TimeSpan.FromSeconds(3));
        server.Start();

        run.WaitForExit();
        Assert.True(run.Process.ExitCode == ExitCodes.Ok, run.Output + run.Error);
        AssertExactlyOnce(store, "restart", 3, retried: null);
        Assert.All(cluster.Silos, s => Assert.False(s.Process.HasExited, s.Output + s.Error));
    }

    [Fact]
    public void A_killed_client_leaves_the_sweep_running_and_watch_and_show_see_it_through()
    {
        var store = NewStore();
        using var cluster = new LocalCluster(store, 2);
        using (var run = SweepProcess.Start("run", SweepFile("orphan-client", 2), "--store", store.Text))
        {
            run.WaitFor(() => Training(store, "orphan-client") is not null, "a trial in training");
            SweepProcess.Signal(run.Process.Id, "KILL");
            run.WaitForExit();
        }

        var listing = SweepProcess.Run("cluster", "--store", store.Text);
        var watch = SweepProcess.Run("watch", "orphan-client", "--store", store.Text);
        var show = SweepProcess.Run("show", "orphan-client", "--store", store.Text);

        Assert.True(listing.exitCode == ExitCodes.Ok, listing.output + listing.error);
        Assert.Contains("2 silos, 2 slots", listing.output);
        Assert.Matches(@"orphan-client trial \d+ \(attempt 1\)", listing.output);
        Assert.True(watch.exitCode == ExitCodes.Ok, watch.output + watch.error);
        Assert.Contains("completed", watch.output);
        Assert.Equal(ExitCodes.Ok, show.exitCode);
        Assert.EndsWith(show.output.TrimEnd(), watch.output.TrimEnd());
        AssertExactlyOnce(store, "orphan-client", 2, retried: null);
    }

    [Fact]
    public void Sigterm_hands_a_silos_trial_back_and_the_silo_leaves_within_the_bound()
    {
        var store = NewStore();
        using var cluster = new LocalCluster(store, 2);
        using var run = SweepProcess.Start("run", SweepFile("leave", 1), "--store", store.Text);
        run.WaitFor(() => Training(store, "leave") is not null, "the trial in training");
        var victim = Training(store, "leave")!;
        var silo = cluster.SiloOf(victim.Worker!);

        var clock = Stopwatch.StartNew();
        SweepProcess.Signal(silo.Process.Id, "TERM");
        silo.WaitForExit();
        clock.Stop();

        Assert.True(silo.Process.ExitCode == ExitCodes.Ok, silo.Output + silo.Error);
        Assert.Contains("Left the cluster.", silo.Output);
        // Orleans' start-up advice on server GC is held back (SiloCommand says why).
        Assert.DoesNotContain("ServerGC", silo.Error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < Silo.Slots.SlotRunner.HandBackBound + TimeSpan.FromSeconds(15), $"left after {clock.Elapsed}");
        Assert.False(SweepProcess.WorkerAlive(LocalCluster.TrainerOf(victim.Worker!)));
        run.WaitForExit();
        Assert.True(run.Process.ExitCode == ExitCodes.Ok, run.Output + run.Error);
        AssertExactlyOnce(store, "leave", 1, victim.Id);
    }

    [Fact]
    public void A_cancelled_sweep_stops_its_trials_as_interrupted_and_resume_finishes_it()
    {
        var store = NewStore();
        using var cluster = new LocalCluster(store, 1);
        using var run = SweepProcess.Start("run", SweepFile("cancel", 2), "--store", store.Text);
        run.WaitFor(() => Training(store, "cancel") is not null, "a trial in training");

        var cancel = SweepProcess.Run("cancel", "cancel", "--store", store.Text);
        run.WaitForExit();

        Assert.True(cancel.exitCode == ExitCodes.Ok, cancel.output + cancel.error);
        Assert.Contains("Sweep cancel cancelled: 1 queued, 1 interrupted.", cancel.output);
        Assert.Equal(ExitCodes.TrialsFailed, run.Process.ExitCode);
        var resumed = SweepProcess.Run("resume", "cancel", "--store", store.Text);
        Assert.True(resumed.exitCode == ExitCodes.Ok, resumed.output + resumed.error);
        Assert.All(Trials(store, "cancel"), t => Assert.Equal(TrialStates.Completed, t.Status));
    }

    [Fact]
    public void A_run_with_no_silo_says_how_to_start_one_and_keeps_the_sweep_for_resume()
    {
        var store = NewStore();

        var (exitCode, _, error) = SweepProcess.Run("run", SweepFile("alone", 1), "--store", store.Text);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains($"Start one on each node with 'sweep silo --store {store.Display}'", error);
        Assert.Contains("'sweep resume alone", error);
        Assert.Equal(TrialStates.Queued, Trials(store, "alone").Single().Status);
    }
}
