using Silo.Stores;
using Coordinator.Sweeps;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;

public sealed class SqliteSweepStoreTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweep-store-" + Guid.NewGuid().ToString("N"));

    public SqliteSweepStoreTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string DatabasePath => Path.Combine(folder, "sweeps.db");

    private static SweepDefinition Sweep(string name = "grid") =>
        SweepFileParser.Parse($"name: {name}\nparameters:\n  lr: {{values: [0.1, 0.2, 0.3]}}", "test.yaml");

    private static SqliteSweepStore WithSweep(string path)
    {
        var store = SqliteSweepStore.Open(path);
        var sweep = Sweep();
        store.CreateSweep(sweep.ToNewSweep(), TrialExpander.Expand(sweep));
        return store;
    }

    private static MetricRecord Record(long step, double loss) => new(step, 1, new Dictionary<string, double> { [MetricNames.LossD] = loss, [MetricNames.LossG] = 2 });

    [Fact]
    public void CreateSweep_stores_the_file_and_queued_trials()
    {
        using var store = WithSweep(DatabasePath);

        var trials = store.Trials("grid");

        Assert.Equal([1, 2, 3], trials.Select(t => t.Index));
        Assert.All(trials, t => Assert.Equal(TrialStates.Queued, t.Status));
        Assert.Equal(0.2, (double)trials[1].Config["lr"]);
        Assert.Contains("lr: {values: [0.1, 0.2, 0.3]}", store.FindSweep("grid")!.FileText);
        Assert.Equal(3, store.ListSweeps().Single().Counts[TrialStates.Queued]);
    }

    [Fact]
    public void CreateSweep_throws_when_the_name_is_taken_and_stores_nothing_more()
    {
        using var store = WithSweep(DatabasePath);

        var error = Assert.Throws<StoreException>(() => store.CreateSweep(Sweep().ToNewSweep(), TrialExpander.Expand(Sweep())));

        Assert.Equal(StoreErrorCode.Conflict, error.Code);
        Assert.Equal(3, store.Trials("grid").Count);
    }

    [Fact]
    public void Claims_hand_each_trial_to_one_worker_and_leases_expire()
    {
        using var store = WithSweep(DatabasePath);

        var first = store.Claim("grid", "a", TimeSpan.FromMinutes(1))!;
        var second = store.Claim("grid", "b", TimeSpan.FromMinutes(1))!;
        var third = store.Claim("grid", "c", TimeSpan.FromMilliseconds(-1))!;
        var retaken = store.Claim("grid", "d", TimeSpan.FromMinutes(1))!;

        Assert.Equal([1, 2, 3], new[] { first.Index, second.Index, third.Index });
        Assert.Equal(third.Id, retaken.Id);
        Assert.Equal(2, store.Trial(third.Id)!.Attempts);
        Assert.Null(store.Claim("grid", "e", TimeSpan.FromMinutes(1)));
        Assert.False(store.Finish(third.Id, "c", TrialStates.Completed, HealthFlags.None, null));
        Assert.True(store.Finish(third.Id, "d", TrialStates.Diverged, HealthFlags.Diverged, "NaN"));
        Assert.Equal(HealthFlags.Diverged, store.Trial(third.Id)!.Flags);
    }

    [Fact]
    public void Rewriting_a_metric_replaces_it_instead_of_adding_a_row()
    {
        using var store = WithSweep(DatabasePath);
        var trial = store.Claim("grid", "a", TimeSpan.FromMinutes(1))!;
        Assert.Null(store.LatestMetrics(trial.Id));

        store.AddMetrics(trial.Id, Record(50, 1.5));
        store.AddMetrics(trial.Id, Record(50, 1.25));
        store.AddMetrics(trial.Id, Record(100, double.NaN));

        var records = store.Metrics(trial.Id);
        Assert.Equal([50L, 100L], records.Select(r => r.Step));
        Assert.Equal(1.25, records[0][MetricNames.LossD]);
        Assert.True(double.IsNaN(records[1][MetricNames.LossD]));
        var latest = store.LatestMetrics(trial.Id)!;
        Assert.Equal((100L, 1L, 2.0), (latest.Step, latest.Epoch, latest[MetricNames.LossG]));
    }

    [Fact]
    public void Only_the_latest_checkpoint_is_kept_while_every_grid_is()
    {
        using var store = WithSweep(DatabasePath);
        var trial = store.Claim("grid", "a", TimeSpan.FromMinutes(1))!;

        foreach (var epoch in new[] { 1L, 2L })
        {
            store.AddArtifact(trial.Id, new TrialArtifact(ArtifactKind.Checkpoint, epoch, epoch * 80, [(byte)epoch]));
            store.AddArtifact(trial.Id, new TrialArtifact(ArtifactKind.SampleGrid, epoch, epoch * 80, [(byte)(10 + epoch)]));
        }

        Assert.Equal(new byte[] { 2 }, store.Artifact(trial.Id, ArtifactKind.Checkpoint)!.Bytes);
        Assert.Null(store.Artifact(trial.Id, ArtifactKind.Checkpoint, epoch: 1));
        Assert.Equal(new byte[] { 11 }, store.Artifact(trial.Id, ArtifactKind.SampleGrid, epoch: 1)!.Bytes);
        Assert.Equal(2, store.Artifact(trial.Id, ArtifactKind.SampleGrid)!.Epoch);
    }

    [Fact]
    public void Requeue_returns_interrupted_trials_but_never_completed_ones()
    {
        using var store = WithSweep(DatabasePath);
        var done = store.Claim("grid", "a", TimeSpan.FromMinutes(1))!;
        var stopped = store.Claim("grid", "a", TimeSpan.FromMinutes(1))!;
        store.Finish(done.Id, "a", TrialStates.Completed, HealthFlags.None, null);
        store.Finish(stopped.Id, "a", TrialStates.Interrupted, HealthFlags.None, null);

        Assert.Equal(1, store.Requeue("grid", []));

        Assert.Equal(TrialStates.Completed, store.Trial(done.Id)!.Status);
        Assert.Equal(TrialStates.Queued, store.Trial(stopped.Id)!.Status);
    }

    [Fact]
    public void Evaluations_round_trip()
    {
        using var store = WithSweep(DatabasePath);
        var trial = store.Trials("grid")[0];

        store.SetEvaluation(trial.Id, new QualityReport(12.5, 9, 0.2, 7.5, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 55, false));

        var stored = store.Evaluation(trial.Id)!;
        Assert.Equal((12.5, 9, 7.5, 0.2, 55), (stored.Fid, stored.Coverage, stored.ClassifierScore, stored.LargestClassShare, stored.Samples));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], stored.ClassCounts);
    }

    [Fact]
    public void Open_migrates_a_database_made_by_the_first_schema()
    {
        Sql(Migrations.All[0] + """
            PRAGMA user_version = 1;
            INSERT INTO sweeps (name, file_text, metric, minimize, created) VALUES ('old', 'parameters: {}', 'fid', 1, '2026-01-01T00:00:00+00:00');
            INSERT INTO trials (sweep_id, idx, config, status) VALUES (1, 1, '{"lr":0.0002}', 'completed');
            INSERT INTO metrics (trial_id, step, name, value) VALUES (1, 50, 'loss_d', 1.25);
            INSERT INTO evaluations (trial_id, fid, coverage, classifier_score, largest_class_share, samples) VALUES (1, 99.5, 10, 8.0, 0.12, 2000);
            """);

        using var store = SqliteSweepStore.Open(DatabasePath);

        var trial = store.Trials("old").Single();
        Assert.Equal(0.0002, (double)trial.Config["lr"]);
        Assert.Equal(HealthFlags.None, trial.Flags);
        Assert.Equal(1.25, store.Metrics(trial.Id).Single()[MetricNames.LossD]);
        Assert.Equal(99.5, store.Evaluation(trial.Id)!.Fid);
        Assert.Empty(store.Evaluation(trial.Id)!.ClassCounts);
        store.Heartbeat(trial.Id, "nobody", TimeSpan.FromMinutes(1), 10, 20);
        Assert.Equal(SqliteSweepStore.SchemaVersion, UserVersion());
    }

    [Fact]
    public void Open_throws_when_file_is_corrupt_and_leaves_it_untouched()
    {
        var garbage = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(DatabasePath, garbage);

        var error = Assert.Throws<StoreException>(() => SqliteSweepStore.Open(DatabasePath));

        Assert.Equal(StoreErrorCode.Corrupt, error.Code);
        Assert.Contains(DatabasePath, error.Message);
        Assert.Equal(garbage, File.ReadAllBytes(DatabasePath));
    }

    [Fact]
    public void Open_throws_when_a_newer_sweep_made_the_database()
    {
        using (SqliteSweepStore.Open(DatabasePath))
        {
        }
        Sql("PRAGMA user_version = 99;");

        var error = Assert.Throws<StoreException>(() => SqliteSweepStore.Open(DatabasePath));

        Assert.Equal(StoreErrorCode.NewerSchema, error.Code);
    }

    [Fact]
    public void OpenExisting_does_not_create_a_database()
    {
        var error = Assert.Throws<StoreException>(() => SqliteSweepStore.OpenExisting(DatabasePath));

        Assert.Equal(StoreErrorCode.NotFound, error.Code);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public void Another_applications_database_is_refused_by_every_open_and_left_byte_for_byte()
    {
        Sql("CREATE TABLE notes (x); INSERT INTO notes VALUES (1);");
        var before = File.ReadAllBytes(DatabasePath);

        var reading = Assert.Throws<StoreException>(() => SqliteSweepStore.OpenReadOnly(DatabasePath));
        var writing = Assert.Throws<StoreException>(() => SqliteSweepStore.Open(DatabasePath));

        Assert.All([reading, writing], e => Assert.Equal(StoreErrorCode.NotAStore, e.Code));
        Assert.Contains("another application's tables (notes)", reading.Message);
        Assert.Equal(before, File.ReadAllBytes(DatabasePath));
        Assert.False(File.Exists(DatabasePath + "-wal"));
    }

    [Fact]
    public void Reading_an_older_store_neither_migrates_it_nor_switches_it_to_wal()
    {
        Sql(Migrations.All[0] + "PRAGMA user_version = 1;");
        var before = File.ReadAllBytes(DatabasePath);

        var error = Assert.Throws<StoreException>(() => SqliteSweepStore.OpenReadOnly(DatabasePath));

        Assert.Equal(StoreErrorCode.OlderSchema, error.Code);
        Assert.Equal(before, File.ReadAllBytes(DatabasePath));
        Assert.Equal(1, UserVersion());
    }

    [Fact]
    public void A_folder_is_named_as_a_folder_not_as_a_damaged_database()
    {
        var error = Assert.Throws<StoreException>(() => SqliteSweepStore.OpenReadOnly(folder));
        var writing = Assert.Throws<StoreException>(() => SqliteSweepStore.Open(folder));

        Assert.All([error, writing], e => Assert.StartsWith($"{folder} is a folder, not a sweep database.", e.Message));
    }

    [Fact]
    public void Processes_creating_the_same_new_database_at_once_all_succeed()
    {
        const int openers = 8;
        using var start = new Barrier(openers);
        var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();

        var threads = Enumerable.Range(0, openers).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                SqliteSweepStore.Open(DatabasePath).Dispose();
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(errors);
        Assert.Equal(SqliteSweepStore.SchemaVersion, UserVersion());
    }

    [Fact]
    public void Requeue_can_retry_failed_trials_from_their_checkpoint_and_diverged_ones_from_the_start()
    {
        using var store = WithSweep(DatabasePath);
        var failed = store.Claim("grid", "a", TimeSpan.FromMinutes(1))!;
        var diverged = store.Claim("grid", "a", TimeSpan.FromMinutes(1))!;
        foreach (var trial in new[] { failed, diverged })
        {
            store.AddMetrics(trial.Id, Record(50, 1.5));
            store.AddArtifact(trial.Id, new TrialArtifact(ArtifactKind.Checkpoint, 1, 50, [1]));
        }
        store.Finish(failed.Id, "a", TrialStates.Failed, HealthFlags.None, "database or disk is full");
        store.Finish(diverged.Id, "a", TrialStates.Diverged, HealthFlags.Diverged, "loss_d is NaN");

        Assert.Equal(0, store.Requeue("grid", []));
        Assert.Equal(1, store.Requeue("grid", [TrialStates.Failed]));
        Assert.Equal(1, store.Requeue("grid", [TrialStates.Failed, TrialStates.Diverged]));

        var (retried, restarted) = (store.Trial(failed.Id)!, store.Trial(diverged.Id)!);
        Assert.Equal((TrialStates.Queued, null), (retried.Status, retried.Error));
        Assert.NotNull(store.Artifact(failed.Id, ArtifactKind.Checkpoint));
        Assert.Single(store.Metrics(failed.Id));
        Assert.Equal((TrialStates.Queued, HealthFlags.None), (restarted.Status, restarted.Flags));
        Assert.Null(store.Artifact(diverged.Id, ArtifactKind.Checkpoint));
        Assert.Empty(store.Metrics(diverged.Id));
    }

    [Fact]
    public void Release_requeues_a_dead_workers_trial_until_its_attempts_run_out()
    {
        using var store = WithSweep(DatabasePath);
        var trial = store.Claim("grid", "dead", TimeSpan.FromMinutes(5))!;

        Assert.False(store.Release(trial.Id, "someone-else", 2, "died"));
        Assert.True(store.Release(trial.Id, "dead", 2, "died"));
        Assert.Equal(TrialStates.Queued, store.Trial(trial.Id)!.Status);

        Assert.Equal(trial.Id, store.Claim("grid", "dead-again", TimeSpan.FromMinutes(5))!.Id);
        Assert.True(store.Release(trial.Id, "dead-again", 2, "its worker died twice"));

        var failed = store.Trial(trial.Id)!;
        Assert.Equal((TrialStates.Failed, 2, "its worker died twice"), (failed.Status, failed.Attempts, failed.Error));
        Assert.NotNull(failed.Finished);
    }

    [Fact]
    public void Bulk_reads_of_a_sweep_match_the_per_trial_reads()
    {
        using var store = WithSweep(DatabasePath);
        var trials = store.Trials("grid");
        store.AddMetrics(trials[0].Id, Record(50, 1.5));
        store.AddMetrics(trials[0].Id, Record(100, 1.25));
        store.AddMetrics(trials[1].Id, Record(50, 0.5));
        store.SetEvaluation(trials[1].Id, new QualityReport(12.5, 9, 0.2, 7.5, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 55, false));

        var latest = store.LatestMetrics("grid");
        var evaluations = store.Evaluations("grid");

        Assert.Equal([trials[0].Id, trials[1].Id], latest.Keys.Order());
        Assert.Equal(store.LatestMetrics(trials[0].Id)!.Values, latest[trials[0].Id].Values);
        Assert.Equal(100, latest[trials[0].Id].Step);
        Assert.Equal(store.Evaluation(trials[1].Id)!.Fid, Assert.Single(evaluations).Value.Fid);
    }

    private void Sql(string sql) => RawSql.Execute(DatabasePath, sql);

    private long UserVersion() => (long)RawSql.Scalar(DatabasePath, "PRAGMA user_version;")!;
}
