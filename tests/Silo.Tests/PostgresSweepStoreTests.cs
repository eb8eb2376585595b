using System.Diagnostics;
using Gan.Core.Metrics;
using Silo.Stores;
using Silo.Trials;

/// <summary>What only the PostgreSQL store does: its schema in a shared database, unreachable servers, and riding out a restart.</summary>
public sealed class PostgresSweepStoreTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly NewSweep Sweep = new("grid", "parameters: {}", "fid", true);

    private static readonly TrialConfig[] Trials = [new(new Dictionary<string, object> { ["lr"] = 0.001 })];

    [Fact]
    public void Many_processes_opening_a_new_database_at_once_create_the_schema_once()
    {
        var location = server.NewDatabase();

        Parallel.For(0, 8, _ => SweepStoreFactory.Open(location).Dispose());

        using var store = SweepStoreFactory.OpenReadOnly(location);
        Assert.Empty(store.ListSweeps());
    }

    [Fact]
    public void Reading_an_empty_database_says_so_and_creates_nothing()
    {
        var location = server.NewDatabase();

        var error = Assert.Throws<StoreException>(() => SweepStoreFactory.OpenReadOnly(location));

        Assert.Equal(StoreErrorCode.Empty, error.Code);
        Assert.Contains("holds no sweeps yet", error.Message);
        server.Execute(location, "DO $$ BEGIN IF to_regclass('sweep_schema') IS NOT NULL THEN RAISE 'schema created'; END IF; END $$");
    }

    [Fact]
    public void Another_applications_sweeps_table_is_refused_and_left_alone()
    {
        var location = server.NewDatabase();
        server.Execute(location, "CREATE TABLE sweeps (broom text); INSERT INTO sweeps VALUES ('birch');");

        var error = Assert.Throws<StoreException>(() => SweepStoreFactory.Open(location));

        Assert.Equal(StoreErrorCode.NotAStore, error.Code);
        server.Execute(location, "DO $$ BEGIN IF (SELECT broom FROM sweeps) <> 'birch' OR to_regclass('trials') IS NOT NULL THEN RAISE 'touched'; END IF; END $$");
    }

    [Fact]
    public void A_database_a_newer_sweep_made_is_refused()
    {
        var location = server.NewDatabase();
        SweepStoreFactory.Open(location).Dispose();
        server.Execute(location, "UPDATE sweep_schema SET version = 99");

        Assert.Equal(StoreErrorCode.NewerSchema, Assert.Throws<StoreException>(() => SweepStoreFactory.Open(location)).Code);
        Assert.Equal(StoreErrorCode.NewerSchema, Assert.Throws<StoreException>(() => SweepStoreFactory.OpenReadOnly(location)).Code);
    }

    [Fact]
    public void A_missing_database_and_an_unreachable_server_are_named_and_say_what_to_do()
    {
        var missing = Assert.Throws<StoreException>(() => SweepStoreFactory.Open(StoreLocation.Parse(server.Url("nosuchdb"))));
        var closed = Assert.Throws<StoreException>(() => SweepStoreFactory.Open(StoreLocation.Parse("postgres://sweep:hunter2@127.0.0.1:1/sweeps")));

        Assert.Equal(StoreErrorCode.NotFound, missing.Code);
        Assert.Contains("createdb nosuchdb", missing.Message);
        Assert.Equal(StoreErrorCode.Unavailable, closed.Code);
        Assert.StartsWith("Cannot reach PostgreSQL at postgres://sweep@127.0.0.1:1/sweeps:", closed.Message);
        Assert.Contains("Is the server running", closed.Message);
        Assert.DoesNotContain("hunter2", closed.Message);
    }

    [Fact]
    public void A_group_the_server_refuses_at_its_last_statement_leaves_no_row_and_no_file()
    {
        var folder = Directory.CreateTempSubdirectory("sweep-artifacts-").FullName;
        try
        {
            var location = server.NewDatabase() with { Artifacts = folder };
            using var store = SweepStoreFactory.Open(location);
            store.CreateSweep(Sweep, Trials);
            var trial = store.Claim("grid", "w", TimeSpan.FromMinutes(5))!;
            // The group goes to the server as one command; its end, the last statement, is refused there.
            server.Execute(location, """
                CREATE FUNCTION refuse_end() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.status <> OLD.status THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER refuse_end BEFORE UPDATE ON trials FOR EACH ROW EXECUTE FUNCTION refuse_end();
                """);
            var writes = new TrialWrites
            {
                Metrics = { new MetricRecord(80, 1, new Dictionary<string, double> { [MetricNames.LossD] = 1.5 }) },
                Artifacts = { new TrialArtifact(ArtifactKind.Checkpoint, 1, 80, new byte[ArtifactPlacement.InlineBytes + 1]), new TrialArtifact(ArtifactKind.SampleGrid, 1, 80, [7]) },
                Evaluation = new Gan.Core.Evaluation.QualityReport(12.5, 9, 0.2, 7.5, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 55, false),
                Progress = new TrialProgress(80, 100),
                End = new TrialEnd(TrialStates.Interrupted, Gan.Core.Training.HealthFlags.None, null),
            };

            var error = Assert.Throws<StoreException>(() => store.Record(trial.Claim!, writes));

            Assert.Contains("refused", error.Message);
            Assert.Empty(store.Metrics(trial.Id));
            Assert.Empty(store.ArtifactEpochs(trial.Id, ArtifactKind.SampleGrid));
            Assert.Null(store.Artifact(trial.Id, ArtifactKind.Checkpoint));
            Assert.Null(store.Evaluation(trial.Id));
            Assert.Equal((TrialStates.Running, 0L), (store.Trial(trial.Id)!.Status, store.Trial(trial.Id)!.Step));
            Assert.Empty(Directory.GetFiles(folder, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Without_an_artifact_directory_weights_stay_in_the_database_and_a_file_says_where_to_look()
    {
        var inDatabase = server.NewDatabase();
        var folder = Directory.CreateTempSubdirectory("sweep-artifacts-").FullName;
        try
        {
            using var store = SweepStoreFactory.Open(inDatabase);
            store.CreateSweep(Sweep, Trials);
            var trial = store.Claim("grid", "w", TimeSpan.FromMinutes(5))!;
            store.AddArtifact(trial.Claim!, new TrialArtifact(ArtifactKind.Checkpoint, 1, 80, [1, 2]));
            using (var withFiles = SweepStoreFactory.Open(inDatabase with { Artifacts = folder }))
            {
                withFiles.AddArtifact(trial.Claim!, new TrialArtifact(ArtifactKind.BestGenerator, 0, 50, new byte[ArtifactPlacement.InlineBytes + 1]));
                Assert.Equal([1, 2], withFiles.Artifact(trial.Id, ArtifactKind.Checkpoint)!.Bytes);
            }

            var error = Assert.Throws<StoreException>(() => store.Artifact(trial.Id, ArtifactKind.BestGenerator));

            Assert.Equal([1, 2], store.Artifact(trial.Id, ArtifactKind.Checkpoint)!.Bytes);
            Assert.Equal(StoreErrorCode.Unavailable, error.Code);
            Assert.Contains("Point --artifacts (or SWEEP_ARTIFACTS) at the directory the silos share", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Calls_ride_out_a_server_restart()
    {
        using var own = new PostgresServer();
        var location = own.NewDatabase();
        using var store = SweepStoreFactory.Open(location);
        store.CreateSweep(Sweep, Trials);
        var trial = store.Claim("grid", "w", TimeSpan.FromMinutes(5))!;
        store.AddMetrics(trial.Claim!, new MetricRecord(10, 1, new Dictionary<string, double> { [MetricNames.LossD] = 1.5 }));

        own.Stop();
        var restart = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            own.Start();
        });
        var elapsed = Stopwatch.StartNew();
        store.AddMetrics(trial.Claim!, new MetricRecord(20, 1, new Dictionary<string, double> { [MetricNames.LossD] = 1.25 }));
        var waited = elapsed.Elapsed;
        await restart;

        Assert.InRange(waited, TimeSpan.FromSeconds(2), PostgresSweepStore.RetryWindow);
        Assert.Equal([10L, 20L], store.Metrics(trial.Id).Select(r => r.Step));
        Assert.True(store.Heartbeat(trial.Claim!, TimeSpan.FromMinutes(5), 20, 100));
    }
}
