using System.Diagnostics;
using Coordinator.Cli;
using Gan.Core.Metrics;
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
            Assert.NotNull(reader.Artifact(trial.Id, ArtifactKind.Generator));
            Assert.Null(reader.Artifact(trial.Id, ArtifactKind.Checkpoint));
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
    public void A_population_goes_on_from_checkpoints_across_silos_and_a_silo_killed_mid_stretch_loses_nothing()
    {
        var store = NewStore();
        using var cluster = new LocalCluster(store, 2);
        var file = Path.Combine(folder, "pbt.yaml");
        File.WriteAllText(file, $"""
            name: pbt
            method: pbt
            random_seed: 1
            base: {"{"}steps: {Steps}, log_every: 25, score_every: 400, eval_samples: 200{"}"}
            parameters:
              lr: {"{"}distribution: log_uniform_values, min: 0.00005, max: 0.0005{"}"}
            pbt: {"{"}population: 4, perturbation_interval: 400{"}"}
            """);
        using var run = SweepProcess.Start("run", file, "--store", store.Text);
        // A later stretch, gone on from a checkpoint, part way through.
        TrialRecord? Stretching() => Training(store, "pbt") is { } t && Trials(store, "pbt").Any(r => r.Status == TrialStates.Running && r.Parent is not null && r.Id == t.Id) ? t : null;
        run.WaitFor(() => Stretching() is not null, "a later stretch in training");
        var victim = Stretching()!;

        SweepProcess.Signal(cluster.SiloOf(victim.Worker!).Process.Id, "KILL");

        AssertGone(LocalCluster.TrainerOf(victim.Worker!));
        run.WaitForExit();
        Assert.True(run.Process.ExitCode == ExitCodes.Ok, run.Output + run.Error);
        var trials = Trials(store, "pbt");
        Assert.Equal(12, trials.Count);
        Assert.All(trials, t => Assert.Equal((TrialStates.Completed, t.Id == victim.Id ? 2 : 1), (t.Status, t.Attempts)));
        using var reader = SweepStoreFactory.Open(store);
        foreach (var trial in trials)
        {
            // Each stretch records its own steps once, from where its parent ended, the killed one too.
            var start = trial.Parent is { } parent ? trials.Single(t => t.Id == parent).Config.Options.Steps!.Value : 0;
            var end = trial.Config.Options.Steps!.Value;
            Assert.Equal(Enumerable.Range((int)start + 1, (int)(end - start)).Where(s => s % 25 == 0 || s % 80 == 0).Select(s => (long)s), reader.Metrics(trial.Id).Where(r => r.Values.ContainsKey(MetricNames.LossD)).Select(r => r.Step));
            Assert.Null(reader.Artifact(trial.Id, ArtifactKind.Checkpoint));
        }
        // Checkpoints went through the store from one silo to another.
        Orleans.Runtime.SiloAddress SiloOf(long id) => Silo.Grains.SlotWorkerId.SiloOf(trials.Single(t => t.Id == id).Worker!)!;
        Assert.Contains(trials, t => t.Parent is { } parent && !SiloOf(parent).Equals(SiloOf(t.Id)));
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
    public void A_sweep_starts_on_a_cluster_that_answers_later_than_a_grain_call_waits()
    {
        var store = NewStore();
        // Stored and queued: with no silo yet, the run says to resume it.
        var stored = SweepProcess.Run("run", SweepFile("slow", 1), "--store", store.Text);
        Assert.Contains("'sweep resume slow", stored.error);
        using var cluster = new LocalCluster(store, 1);

        // A busy database (CI's did this) holds the sweep's row past a grain call's timeout: the
        // silo's write that starts the sweep waits for it.
        using var holder = new Npgsql.NpgsqlConnection(server.ConnectionString(new Npgsql.NpgsqlConnectionStringBuilder(store.Target).Database!));
        holder.Open();
        using var transaction = holder.BeginTransaction();
        using (var hold = new Npgsql.NpgsqlCommand("SELECT 1 FROM sweeps WHERE name = 'slow' FOR NO KEY UPDATE", holder, transaction))
            hold.ExecuteNonQuery();
        using var resume = SweepProcess.Start("resume", "slow", "--store", store.Text);
        SweepProcess.WaitUntil(() => server.Query(store, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") > 0, "the silo's start of the sweep waiting");
        Thread.Sleep(Silo.Hosting.SweepClusterExtensions.ResponseTimeout + TimeSpan.FromSeconds(3));
        transaction.Commit();

        resume.WaitForExit();
        Assert.True(resume.Process.ExitCode == ExitCodes.Ok, resume.Output + resume.Error);
        Assert.Equal(TrialStates.Completed, Trials(store, "slow").Single().Status);
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
