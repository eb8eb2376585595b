using Gan.Core.Metrics;
using Gan.Core.Training;
using Silo.Stores;

/// <summary>What only the SQLite store does: files, their versions, and files that are not sweep stores (the shared behaviour is in <see cref="SweepStoreContract"/>).</summary>
public sealed class SqliteSweepStoreTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-store-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string DatabasePath => Path.Combine(folder, "sweeps.db");

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
        Assert.False(store.Heartbeat(new TrialClaim(trial.Id, "nobody", 1), TimeSpan.FromMinutes(1), 10, 20));
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

    private void Sql(string sql) => RawSql.Execute(DatabasePath, sql);

    private long UserVersion() => (long)RawSql.Scalar(DatabasePath, "PRAGMA user_version;")!;
}
