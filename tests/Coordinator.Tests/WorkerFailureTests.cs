using System.Globalization;
using Coordinator.Cli;
using Silo.Stores;
using Gan.Core.Metrics;

/// <summary>
/// Workers and `sweep run` killed at the worst moment, with real processes and real signals:
/// no trial is lost or hidden, no process is orphaned, and the exit code says what happened.
/// </summary>
public sealed class WorkerFailureTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweep-failure-" + Guid.NewGuid().ToString("N"));

    public WorkerFailureTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Database => Path.Combine(folder, "sweeps.db");

    private string SweepFile(string name, int trials, int steps)
    {
        var path = Path.Combine(folder, name + ".yaml");
        File.WriteAllText(path, $"""
            name: {name}
            base: {"{"}steps: {steps}, log_every: 25, eval_samples: 200{"}"}
            parameters:
              seed: {"{"}values: [{string.Join(", ", Enumerable.Range(0, trials))}]{"}"}
            """);
        return path;
    }

    private IReadOnlyList<TrialRecord> Trials(string sweep)
    {
        using var store = SqliteSweepStore.OpenReadOnly(Database);
        return store.Trials(sweep);
    }

    /// <summary>The trials that are running and have recorded at least two metric records, with their worker's process id.</summary>
    private List<(TrialRecord trial, int worker)> Training(string sweep)
    {
        if (!File.Exists(Database))
            return [];
        using var store = SqliteSweepStore.OpenReadOnly(Database);
        return store.Trials(sweep).Where(t => t.Status == TrialStates.Running && t.Worker is not null && store.Metrics(t.Id).Count >= 2)
            .Select(t => (t, int.Parse(t.Worker![(t.Worker!.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture))).ToList();
    }

    private static long[] ExpectedSteps(int steps) =>
        Enumerable.Range(1, steps).Where(s => s % 25 == 0 || s % 80 == 0).Select(s => (long)s).ToArray();

    [Fact]
    public void A_worker_killed_mid_trial_has_its_trial_requeued_at_once_and_finished_exactly_once()
    {
        using var run = SweepProcess.Start("run", SweepFile("kill-worker", 4, 600), "--db", Database, "--workers", "2");
        run.WaitFor(() => Training("kill-worker").Count > 0, "a trial in training");
        var (victim, worker) = Training("kill-worker")[0];

        SweepProcess.Signal(worker, "KILL");
        run.WaitForExit();

        Assert.True(run.Process.ExitCode == ExitCodes.Ok, run.Output + run.Error);
        Assert.Contains($"trial {victim.Id} goes back to the queue and resumes from its checkpoint; worker process {worker} was killed by signal 9", run.Error);
        var trials = Trials("kill-worker");
        Assert.All(trials, t => Assert.Equal(TrialStates.Completed, t.Status));
        Assert.Equal(2, trials.Single(t => t.Id == victim.Id).Attempts);
        using var store = SqliteSweepStore.OpenReadOnly(Database);
        Assert.Equal(ExpectedSteps(600), store.Metrics(victim.Id).Select(r => r.Step));
        Assert.NotNull(store.Evaluation(victim.Id));
    }

    [Fact]
    public void Sigterm_checkpoints_like_ctrl_c_and_failed_trials_exit_3_until_resume_failed_retries_them()
    {
        using (var run = SweepProcess.Start("run", SweepFile("term", 2, 1200), "--db", Database, "--workers", "2"))
        {
            run.WaitFor(() => Training("term").Count == 2, "both trials in training");
            var workers = Training("term").Select(t => t.worker).ToList();

            SweepProcess.Signal(run.Process.Id, "TERM");
            run.WaitForExit();

            Assert.True(run.Process.ExitCode == ExitCodes.Interrupted, run.Output + run.Error);
            Assert.All(workers, w => Assert.False(SweepProcess.WorkerAlive(w), $"worker {w} outlived sweep run"));
            Assert.All(Trials("term"), t => Assert.Equal(TrialStates.Interrupted, t.Status));
        }

        // A trial that fails on resume (its checkpoint damaged, as a full disk might leave it)
        // makes the sweep exit 3, naming the way back.
        var damaged = Trials("term")[0];
        File.WriteAllBytes(CheckpointFile(damaged.Id), [0]);
        var resumed = SweepProcess.Run("resume", "term", "--db", Database);
        Assert.True(resumed.exitCode == ExitCodes.TrialsFailed, resumed.output + resumed.error);
        Assert.Contains("is damaged: it has 1 bytes", resumed.error);
        Assert.Contains("1 of 2 trials did not complete (1 failed)", resumed.error);
        Assert.Contains("sweep resume term --failed", resumed.error);
        Assert.Equal([TrialStates.Failed, TrialStates.Completed], Trials("term").Select(t => t.Status));

        // Without --failed nothing is retried; with it, once the cause is gone, the trial finishes.
        var plain = SweepProcess.Run("resume", "term", "--db", Database);
        Assert.Equal(ExitCodes.TrialsFailed, plain.exitCode);
        Assert.Contains("Nothing to run", plain.output);
        Sql($"DELETE FROM artifacts WHERE trial_id = {damaged.Id} AND kind = 'checkpoint'");
        var retried = SweepProcess.Run("resume", "term", "--failed", "--db", Database, "--workers", "2");
        Assert.True(retried.exitCode == ExitCodes.Ok, retried.output + retried.error);
        Assert.Contains("Running on 1 worker ×", retried.output);
        Assert.All(Trials("term"), t => Assert.Equal(TrialStates.Completed, t.Status));
    }

    [Fact]
    public void Ctrl_c_while_the_classifier_trains_stops_before_any_worker_and_caches_nothing()
    {
        var cache = Directory.CreateDirectory(Path.Combine(folder, "empty-cache")).FullName;
        using var run = SweepProcess.StartWithCache(cache, "run", SweepFile("early", 1, 50), "--db", Database);
        run.WaitFor(() => run.Output.Contains("Training the mnist classifier", StringComparison.Ordinal), "classifier training");

        SweepProcess.Signal(run.Process.Id, "INT");
        run.WaitForExit();

        Assert.True(run.Process.ExitCode == ExitCodes.Interrupted, run.Output + run.Error);
        Assert.Contains("Interrupted before any trial started. Continue with 'sweep resume early'.", run.Error);
        Assert.DoesNotContain("Running on", run.Output);
        Assert.DoesNotContain(Directory.GetFiles(cache), f => !f.EndsWith(".lock", StringComparison.Ordinal));
        Assert.Equal(TrialStates.Queued, Trials("early").Single().Status);
    }

    [Fact]
    public void Workers_stop_when_sweep_run_is_killed_and_resume_finishes_their_trials()
    {
        int[] workers;
        using (var run = SweepProcess.Start("run", SweepFile("orphans", 2, 1200), "--db", Database, "--workers", "2"))
        {
            run.WaitFor(() => Training("orphans").Count == 2, "both trials in training");
            workers = [.. Training("orphans").Select(t => t.worker)];
            SweepProcess.Signal(run.Process.Id, "KILL");
            run.WaitForExit();
        }

        // The kernel tells each worker its silo died; it checkpoints and hands its trial back to the queue.
        SweepProcess.WaitUntil(() => workers.All(w => !SweepProcess.WorkerAlive(w)) && Trials("orphans").All(t => t.Status == TrialStates.Queued), "the workers' exit");

        var (exitCode, output, error) = SweepProcess.Run("resume", "orphans", "--db", Database);
        Assert.True(exitCode == ExitCodes.Ok, output + error);
        Assert.Contains("Sweep orphans: 2 trials to run, 2 of them from their checkpoints.", output);
        Assert.All(Trials("orphans"), t => Assert.Equal((TrialStates.Completed, 2), (t.Status, t.Attempts)));
    }

    [Fact]
    public void Resume_takes_back_trials_whose_workers_died_without_waiting_for_their_lease()
    {
        using (var run = SweepProcess.Start("run", SweepFile("dead", 2, 1200), "--db", Database, "--workers", "2"))
        {
            run.WaitFor(() => Training("dead").Count == 2, "both trials in training");
            // Stopped first, so that it cannot hand the trials back itself: they stay 'running'
            // under a two-minute lease, held by processes that no longer exist.
            SweepProcess.Signal(run.Process.Id, "STOP");
            foreach (var (_, worker) in Training("dead"))
                SweepProcess.Signal(worker, "KILL");
            SweepProcess.Signal(run.Process.Id, "KILL");
            run.WaitForExit();
        }
        Assert.All(Trials("dead"), t => Assert.Equal(TrialStates.Running, t.Status));

        var (exitCode, output, error) = SweepProcess.Run("resume", "dead", "--db", Database);

        Assert.True(exitCode == ExitCodes.Ok, output + error);
        Assert.Contains("Sweep dead: 2 trials to run", output);
        Assert.All(Trials("dead"), t => Assert.Equal((TrialStates.Completed, 2), (t.Status, t.Attempts)));
    }

    [Fact]
    public void A_checkpoint_from_the_old_binding_fails_its_trial_with_the_way_out_and_from_start_retrains_it()
    {
        var file = Path.Combine(folder, "outdated.yaml");
        File.WriteAllText(file, """
            name: outdated
            base: {dataset: gaussian, arch: toy, steps: 400, log_every: 100}
            parameters:
              seed: {values: [0, 1]}
            """);
        Assert.Equal(ExitCodes.Ok, SweepProcess.Run("run", file, "--db", Database, "--workers", "1").exitCode);

        // As if sweep was upgraded while the second trial stood interrupted at step 200, its
        // checkpoint a libtorch 1.13 archive (a zip of pickles under archive/).
        var victim = Trials("outdated")[1];
        using (var buffer = new MemoryStream())
        {
            using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
                using (var entry = zip.CreateEntry("archive/data.pkl").Open())
                    entry.Write([0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e]);
            // Held in the database, as every checkpoint was before artifact files.
            Sql($"INSERT INTO artifacts (trial_id, kind, epoch, step, bytes) VALUES ({victim.Id}, 'checkpoint', 2, 200, x'{Convert.ToHexString(buffer.ToArray())}')");
        }
        Sql($"DELETE FROM metrics WHERE trial_id = {victim.Id} AND step > 200");
        Sql($"UPDATE trials SET status = 'interrupted', step = 200, finished = NULL WHERE id = {victim.Id}");

        var resumed = SweepProcess.Run("resume", "outdated", "--db", Database);
        Assert.True(resumed.exitCode == ExitCodes.TrialsFailed, resumed.output + resumed.error);
        Assert.Contains("failed: The checkpoint was written by an older sweep (the libtorch 1.13 binding, before TorchSharp)", resumed.error);
        Assert.Contains("Retrain it with 'sweep resume outdated --failed --from-start'.", resumed.error);
        Assert.Equal(TrialStates.Failed, Trials("outdated")[1].Status);
        using (var store = SqliteSweepStore.OpenReadOnly(Database))
            Assert.Equal([100L, 200L], store.Metrics(victim.Id).Select(r => r.Step));

        var retrained = SweepProcess.Run("resume", "outdated", "--failed", "--from-start", "--db", Database);
        Assert.True(retrained.exitCode == ExitCodes.Ok, retrained.output + retrained.error);
        Assert.All(Trials("outdated"), t => Assert.Equal(TrialStates.Completed, t.Status));
        using (var store = SqliteSweepStore.OpenReadOnly(Database))
        {
            Assert.Equal([100L, 200L, 300L, 400L], store.Metrics(victim.Id).Select(r => r.Step));
            Assert.Contains(MetricNames.Wasserstein, store.Metrics(victim.Id)[^1].Values.Keys);
        }
    }

    private void Sql(string sql) => RawSql.Execute(Database, sql);

    /// <summary>The file that holds a trial's checkpoint.</summary>
    private string CheckpointFile(long trial) =>
        Path.Combine(Database + "-artifacts", (string)RawSql.Scalar(Database, $"SELECT file FROM artifacts WHERE trial_id = {trial} AND kind = 'checkpoint'")!);
}
