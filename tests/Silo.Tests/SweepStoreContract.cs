using System.Collections.Concurrent;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;
using Silo.Stores;
using Silo.Trials;

/// <summary>
/// What every store does, written once and run against each backend (the way Optuna tests its
/// storages): a subclass says how to open a fresh, empty store.
/// </summary>
public abstract class SweepStoreContract
{
    /// <summary>Where a fresh, empty store for one test lives.</summary>
    protected abstract StoreLocation Location { get; }

    protected ISweepStore Open() => SweepStoreFactory.Open(Location);

    /// <summary>Every file in the store's artifact directory.</summary>
    private string[] ArtifactFiles() =>
        Directory.Exists(Location.Artifacts) ? Directory.GetFiles(Location.Artifacts, "*", SearchOption.AllDirectories) : [];

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static readonly NewSweep Grid = new("grid", "name: grid\nparameters:\n  lr: {values: [0.1, 0.2, 0.3]}\n", "fid", true);

    private static IReadOnlyList<TrialConfig> Configs(params double[] rates) =>
        rates.Select(lr => new TrialConfig(new Dictionary<string, object> { ["arch"] = "mlp", ["lr"] = lr, ["steps"] = 100L })).ToList();

    private ISweepStore WithSweep()
    {
        var store = Open();
        store.CreateSweep(Grid, Configs(0.1, 0.2, 0.3));
        return store;
    }

    /// <summary>Weights large enough to be a file where the store has files (<see cref="ArtifactPlacement.InlineBytes"/>), every byte <paramref name="fill"/>.</summary>
    private static byte[] Weights(byte fill) => Enumerable.Repeat(fill, ArtifactPlacement.InlineBytes + 1).ToArray();

    private static MetricRecord Record(long step, double loss) => new(step, 1, new Dictionary<string, double> { [MetricNames.LossD] = loss, [MetricNames.LossG] = 2 });

    private static readonly QualityReport Report = new(12.5, 9, 0.2, 7.5, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 55, false);

    [Fact]
    public void CreateSweep_stores_the_file_and_typed_queued_trials()
    {
        using var store = WithSweep();

        var trials = store.Trials("grid");

        Assert.Equal([1, 2, 3], trials.Select(t => t.Index));
        Assert.All(trials, t => Assert.Equal(TrialStates.Queued, t.Status));
        Assert.Equal(["arch", "lr", "steps"], trials[1].Config.Keys);
        Assert.Equal((0.2, 100L), ((double)trials[1].Config["lr"], (long)trials[1].Config["steps"]));
        Assert.Equal(0.2, trials[1].Config.Options.Lr);
        Assert.Equal(Grid.Text, store.FindSweep("grid")!.FileText);
        Assert.Equal(3, store.ListSweeps().Single().Counts[TrialStates.Queued]);
        Assert.Null(store.FindSweep("other"));
    }

    [Fact]
    public void Trials_of_one_state_and_the_counts_by_state_come_from_the_database()
    {
        using var store = WithSweep();
        var running = store.Claim("grid", "w", Minute)!;

        Assert.Equal([running.Id], store.Trials("grid", TrialStates.Running).Select(t => t.Id));
        Assert.Equal([2, 3], store.Trials("grid", TrialStates.Queued).Select(t => t.Index));
        Assert.Equal(new Dictionary<string, int> { [TrialStates.Queued] = 2, [TrialStates.Running] = 1 }, store.TrialCounts("grid"));
        Assert.Empty(store.TrialCounts("other"));
        Assert.Empty(store.Trials("other", TrialStates.Running));
    }

    [Fact]
    public void The_first_start_is_the_earliest_claim_of_any_trial_and_survives_a_hand_back()
    {
        using var store = WithSweep();
        Assert.Null(store.FirstStarted("grid"));

        var first = store.Claim("grid", "w1", TimeSpan.FromMinutes(1))!;
        Thread.Sleep(20);
        store.Claim("grid", "w2", TimeSpan.FromMinutes(1));
        store.Release(first.Claim!, 5, "handed back");
        store.Claim("grid", "w3", TimeSpan.FromMinutes(1));

        Assert.Equal(first.Started, store.FirstStarted("grid"));
        Assert.Equal(store.Trials("grid").Min(t => t.Started), store.FirstStarted("grid"));
        Assert.Null(store.FirstStarted("other"));
    }

    [Fact]
    public void CreateSweep_throws_when_the_name_is_taken_and_stores_nothing_more()
    {
        using var store = WithSweep();

        var error = Assert.Throws<StoreException>(() => store.CreateSweep(Grid, Configs(0.5)));

        Assert.Equal(StoreErrorCode.Conflict, error.Code);
        Assert.Equal(3, store.Trials("grid").Count);
    }

    [Fact]
    public void Claims_hand_each_trial_to_one_worker_and_leases_expire()
    {
        using var store = WithSweep();

        var first = store.Claim("grid", "a", Minute)!;
        var second = store.Claim("grid", "b", Minute)!;
        var third = store.Claim("grid", "c", TimeSpan.FromSeconds(-1))!;
        var retaken = store.Claim("grid", "d", Minute)!;

        Assert.Equal([1, 2, 3], new[] { first.Index, second.Index, third.Index });
        Assert.Equal(third.Id, retaken.Id);
        Assert.Equal(2, retaken.Attempts);
        Assert.Null(store.Claim("grid", "e", Minute));
        Assert.False(store.Finish(third.Claim!, TrialStates.Completed, HealthFlags.None, null));
        Assert.True(store.Finish(retaken.Claim!, TrialStates.Diverged, HealthFlags.Diverged, "NaN"));
        Assert.Equal(HealthFlags.Diverged, store.Trial(third.Id)!.Flags);
        Assert.NotNull(store.Trial(third.Id)!.Duration);
    }

    [Fact]
    public async Task Workers_claiming_at_once_never_get_the_same_trial()
    {
        using (var store = Open())
            store.CreateSweep(Grid, Configs(Enumerable.Range(1, 60).Select(i => i / 1000.0).ToArray()));
        var claimed = new ConcurrentBag<long>();

        var workers = Enumerable.Range(0, 6).Select(w => Task.Run(() =>
        {
            using var store = Open();
            while (store.Claim("grid", $"w{w}", Minute) is { } trial)
                claimed.Add(trial.Id);
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(60, claimed.Count);
        Assert.Equal(60, claimed.Distinct().Count());
        using var check = Open();
        Assert.All(check.Trials("grid"), t => Assert.Equal((TrialStates.Running, 1), (t.Status, t.Attempts)));
    }

    [Fact]
    public void HeldBy_finds_the_running_trial_claimed_under_a_worker_and_nothing_once_it_ends()
    {
        using var store = WithSweep();
        var trial = store.Claim("grid", "silo/slot0/host:1", Minute)!;

        Assert.Equal((trial.Id, trial.Claim), (store.HeldBy("silo/slot0/host:1")!.Id, store.HeldBy("silo/slot0/host:1")!.Claim));
        Assert.Null(store.HeldBy("silo/slot1/host:2"));
        store.Finish(trial.Claim!, TrialStates.Completed, HealthFlags.None, null);
        Assert.Null(store.HeldBy("silo/slot0/host:1"));
    }

    [Fact]
    public void A_claim_taken_over_is_fenced_off_from_every_write()
    {
        using var store = WithSweep();
        var stale = store.Claim("grid", "stalled", TimeSpan.FromSeconds(-1))!;
        store.AddMetrics(stale.Claim!, Record(50, 1.5));
        var current = store.Claim("grid", "successor", Minute)!;
        Assert.Equal(stale.Id, current.Id);
        store.AddMetrics(current.Claim!, Record(50, 0.75));

        var refused = new Action[]
        {
            () => store.AddMetrics(stale.Claim!, Record(50, 9)),
            () => store.AddArtifact(stale.Claim!, new TrialArtifact(ArtifactKind.Checkpoint, 1, 50, Weights(9))),
            () => store.SetEvaluation(stale.Claim!, Report),
            () => store.Record(stale.Claim!, new TrialWrites
            {
                Metrics = { Record(60, 9) }, Artifacts = { new TrialArtifact(ArtifactKind.Generator, 1, 60, Weights(9)) }, Evaluation = Report,
                End = new TrialEnd(TrialStates.Completed, HealthFlags.None, null),
            }),
        }.Select(write => Assert.Throws<StoreException>(write)).ToList();

        Assert.All(refused, e => Assert.Equal(StoreErrorCode.LostClaim, e.Code));
        Assert.False(store.Heartbeat(stale.Claim!, Minute, 60, 100));
        Assert.False(store.Finish(stale.Claim!, TrialStates.Completed, HealthFlags.None, null));
        Assert.False(store.Release(stale.Claim!, 3, "died"));
        Assert.Equal(0.75, store.Metrics(current.Id).Single()[MetricNames.LossD]);
        Assert.Null(store.Artifact(current.Id, ArtifactKind.Checkpoint));
        Assert.Null(store.Artifact(current.Id, ArtifactKind.Generator));
        Assert.Empty(ArtifactFiles());
        Assert.Null(store.Evaluation(current.Id));
        Assert.Equal(("successor", TrialStates.Running), (store.Trial(current.Id)!.Worker, store.Trial(current.Id)!.Status));
        Assert.True(store.Finish(current.Claim!, TrialStates.Completed, HealthFlags.None, null));
    }

    [Fact]
    public void A_group_of_writes_and_its_end_are_stored_together_and_the_end_drops_the_checkpoint_written_with_them()
    {
        using var store = WithSweep();
        var trial = store.Claim("grid", "a", Minute)!;
        var writes = new TrialWrites
        {
            Metrics = { Record(50, 1.5), Record(100, 1.25), Record(100, 0.5) },
            Artifacts =
            {
                new TrialArtifact(ArtifactKind.Checkpoint, 1, 50, Weights(1)), new TrialArtifact(ArtifactKind.SampleGrid, 1, 50, [11]),
                new TrialArtifact(ArtifactKind.Checkpoint, 2, 100, Weights(2)), new TrialArtifact(ArtifactKind.Generator, 2, 100, Weights(3)),
            },
            Evaluation = Report,
            Progress = new TrialProgress(100, 120),
            End = new TrialEnd(TrialStates.Completed, HealthFlags.ModeCollapse, null),
        };

        store.Record(trial.Claim!, writes);

        var ended = store.Trial(trial.Id)!;
        Assert.Equal((TrialStates.Completed, HealthFlags.ModeCollapse, 100L, 120L), (ended.Status, ended.Flags, ended.Step, ended.TotalSteps));
        Assert.Equal([50L, 100L], store.Metrics(trial.Id).Select(r => r.Step));
        Assert.Equal(0.5, store.LatestMetrics(trial.Id)![MetricNames.LossD]);
        Assert.Equal([11], store.Artifact(trial.Id, ArtifactKind.SampleGrid)!.Bytes);
        Assert.Equal(Weights(3), store.Artifact(trial.Id, ArtifactKind.Generator)!.Bytes);
        Assert.Null(store.Artifact(trial.Id, ArtifactKind.Checkpoint));
        Assert.Equal(Report.Fid, store.Evaluation(trial.Id)!.Fid);
        // Both checkpoints' files went: the first replaced within the group, the second dropped by its end.
        Assert.Equal(Weights(3), File.ReadAllBytes(Assert.Single(ArtifactFiles())));
    }

    [Fact]
    public void A_group_that_fails_partway_leaves_nothing_behind_neither_rows_nor_files()
    {
        using var store = WithSweep();
        var trial = store.Claim("grid", "a", Minute)!;
        var writes = new TrialWrites
        {
            Artifacts = { new TrialArtifact(ArtifactKind.Generator, 1, 50, Weights(3)), new TrialArtifact(ArtifactKind.SampleGrid, 1, 50, [11]) },
            Evaluation = Report,
            // The stores write metrics after the artifacts and the evaluation: this record fails once they are written.
            Metrics = { Record(50, 1.5), new MetricRecord(100, 1, new UnreadableValues()) },
            End = new TrialEnd(TrialStates.Completed, HealthFlags.None, null),
        };

        Assert.Throws<IOException>(() => store.Record(trial.Claim!, writes));

        Assert.Empty(store.Metrics(trial.Id));
        Assert.Null(store.Artifact(trial.Id, ArtifactKind.Generator));
        Assert.Null(store.Artifact(trial.Id, ArtifactKind.SampleGrid));
        Assert.Null(store.Evaluation(trial.Id));
        Assert.Equal(TrialStates.Running, store.Trial(trial.Id)!.Status);
        Assert.Empty(ArtifactFiles());
        store.AddMetrics(trial.Claim!, Record(50, 1.5));
        Assert.Single(store.Metrics(trial.Id));
    }

    /// <summary>Metric values whose reading fails, as a disk read of them might: a write that fails partway through a group.</summary>
    private sealed class UnreadableValues : IReadOnlyDictionary<string, double>
    {
        public double this[string key] => throw new IOException("unreadable");
        public IEnumerable<string> Keys => throw new IOException("unreadable");
        public IEnumerable<double> Values => throw new IOException("unreadable");
        public int Count => 1;
        public bool ContainsKey(string key) => throw new IOException("unreadable");
        public bool TryGetValue(string key, out double value) => throw new IOException("unreadable");
        public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => throw new IOException("unreadable");
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void Rewriting_a_metric_replaces_it_instead_of_adding_a_row()
    {
        using var store = WithSweep();
        var trial = store.Claim("grid", "a", Minute)!;
        Assert.Null(store.LatestMetrics(trial.Id));

        store.AddMetrics(trial.Claim!, Record(50, 1.5));
        store.AddMetrics(trial.Claim!, Record(50, 1.25));
        store.AddMetrics(trial.Claim!, Record(100, double.NaN));

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
        using var store = WithSweep();
        var trial = store.Claim("grid", "a", Minute)!;

        foreach (var epoch in new[] { 1L, 2L })
        {
            store.AddArtifact(trial.Claim!, new TrialArtifact(ArtifactKind.Checkpoint, epoch, epoch * 80, Weights((byte)epoch)));
            store.AddArtifact(trial.Claim!, new TrialArtifact(ArtifactKind.SampleGrid, epoch, epoch * 80, [(byte)(10 + epoch)]));
        }

        Assert.Equal(Weights(2), store.Artifact(trial.Id, ArtifactKind.Checkpoint)!.Bytes);
        Assert.Null(store.Artifact(trial.Id, ArtifactKind.Checkpoint, epoch: 1));
        Assert.Equal(new byte[] { 11 }, store.Artifact(trial.Id, ArtifactKind.SampleGrid, epoch: 1)!.Bytes);
        Assert.Equal(2, store.Artifact(trial.Id, ArtifactKind.SampleGrid)!.Epoch);
        Assert.Equal([1, 2], store.ArtifactEpochs(trial.Id, ArtifactKind.SampleGrid));
        Assert.Equal([2], store.ArtifactEpochs(trial.Id, ArtifactKind.Checkpoint));
        Assert.Empty(store.ArtifactEpochs(trial.Id, ArtifactKind.Generator));
        Assert.Equal(Weights(2), File.ReadAllBytes(Assert.Single(ArtifactFiles())));
    }

    [Fact]
    public void Weights_are_files_whose_checksum_is_checked_and_grids_stay_in_the_store()
    {
        using var store = WithSweep();
        var trial = store.Claim("grid", "a", Minute)!;
        var weights = System.Security.Cryptography.RandomNumberGenerator.GetBytes(ArtifactPlacement.InlineBytes + 1);
        store.AddArtifact(trial.Claim!, new TrialArtifact(ArtifactKind.Checkpoint, 1, 80, weights));
        store.AddArtifact(trial.Claim!, new TrialArtifact(ArtifactKind.SampleGrid, 1, 80, [7]));
        var file = Assert.Single(ArtifactFiles());
        Assert.Equal(weights, File.ReadAllBytes(file));
        Assert.Equal(weights, store.Artifact(trial.Id, ArtifactKind.Checkpoint)!.Bytes);

        weights[100] ^= 1;
        File.WriteAllBytes(file, weights);
        var damaged = Assert.Throws<StoreException>(() => store.Artifact(trial.Id, ArtifactKind.Checkpoint));
        File.Delete(file);
        var missing = Assert.Throws<StoreException>(() => store.Artifact(trial.Id, ArtifactKind.Checkpoint));

        Assert.Equal(StoreErrorCode.Corrupt, damaged.Code);
        Assert.Contains($"is damaged: it has {ArtifactPlacement.InlineBytes + 1} bytes", damaged.Message);
        Assert.Equal(StoreErrorCode.NotFound, missing.Code);
        Assert.Contains($"is not in {Location.Artifacts}", missing.Message);
        Assert.Equal([7], store.Artifact(trial.Id, ArtifactKind.SampleGrid)!.Bytes);
    }

    [Fact]
    public void Weights_small_enough_stay_in_their_row_and_read_back_the_same()
    {
        using var store = WithSweep();
        var trial = store.Claim("grid", "a", Minute)!;
        var small = System.Security.Cryptography.RandomNumberGenerator.GetBytes(ArtifactPlacement.InlineBytes);

        store.Record(trial.Claim!, new TrialWrites
        {
            Artifacts = { new TrialArtifact(ArtifactKind.BestGenerator, 0, 1, small), new TrialArtifact(ArtifactKind.Generator, 1, 1, small) },
            End = new TrialEnd(TrialStates.Completed, HealthFlags.None, null),
        });

        Assert.Equal(small, store.Artifact(trial.Id, ArtifactKind.BestGenerator)!.Bytes);
        Assert.Equal(small, store.Artifact(trial.Id, ArtifactKind.Generator)!.Bytes);
        Assert.Empty(ArtifactFiles());
    }

    [Fact]
    public void A_completed_trial_keeps_only_its_generators_and_a_failed_one_its_checkpoint_too()
    {
        using var store = WithSweep();
        var done = store.Claim("grid", "a", Minute)!;
        var failed = store.Claim("grid", "a", Minute)!;
        foreach (var trial in new[] { done, failed })
            foreach (var kind in new[] { ArtifactKind.Checkpoint, ArtifactKind.BestGenerator, ArtifactKind.Generator })
                store.AddArtifact(trial.Claim!, new TrialArtifact(kind, 1, 80, Weights((byte)kind)));

        store.Finish(done.Claim!, TrialStates.Completed, HealthFlags.None, null);
        store.Finish(failed.Claim!, TrialStates.Failed, HealthFlags.None, "evaluation crashed");

        Assert.Null(store.Artifact(done.Id, ArtifactKind.Checkpoint));
        Assert.NotNull(store.Artifact(done.Id, ArtifactKind.Generator));
        Assert.NotNull(store.Artifact(done.Id, ArtifactKind.BestGenerator));
        Assert.NotNull(store.Artifact(failed.Id, ArtifactKind.Checkpoint));
        Assert.Equal(5, ArtifactFiles().Length);
    }

    [Fact]
    public void A_population_members_stretch_keeps_its_checkpoint_for_the_next_until_it_is_released()
    {
        using var store = WithSweep();
        var stretch = store.Claim("grid", "a", Minute)!;
        var other = store.Claim("grid", "a", Minute)!;
        foreach (var trial in new[] { stretch, other })
            store.AddArtifact(trial.Claim!, new TrialArtifact(ArtifactKind.Checkpoint, 1, 80, Weights((byte)trial.Index)));

        store.Finish(stretch.Claim!, TrialStates.Completed, HealthFlags.None, null, keepCheckpoint: true);
        store.Finish(other.Claim!, TrialStates.Completed, HealthFlags.None, null, keepCheckpoint: true);
        var next = store.AddTrial("grid", Configs(0.25).Single(), parent: stretch.Id);

        Assert.Equal(stretch.Id, next.Parent);
        Assert.Equal(stretch.Id, store.Trials("grid").Single(t => t.Id == next.Id).Parent);
        Assert.Null(store.Trial(stretch.Id)!.Parent);
        Assert.Equal(Weights((byte)stretch.Index), store.Artifact(stretch.Id, ArtifactKind.Checkpoint)!.Bytes);
        store.DropCheckpoints([stretch.Id]);
        store.DropCheckpoints([]);
        Assert.Null(store.Artifact(stretch.Id, ArtifactKind.Checkpoint));
        Assert.NotNull(store.Artifact(other.Id, ArtifactKind.Checkpoint));
        Assert.Single(ArtifactFiles());
    }

    [Fact]
    public void Evaluations_round_trip_and_a_second_replaces_the_first()
    {
        using var store = WithSweep();
        var trial = store.Claim("grid", "a", Minute)!;

        store.SetEvaluation(trial.Claim!, Report with { Fid = 99 });
        store.SetEvaluation(trial.Claim!, Report with { Step = 1500 });
        var other = store.Claim("grid", "a", Minute)!;
        store.SetEvaluation(other.Claim!, Report);

        var stored = store.Evaluation(trial.Id)!;
        Assert.Equal((12.5, 9, 7.5, 0.2, 55), (stored.Fid, stored.Coverage, stored.ClassifierScore, stored.LargestClassShare, stored.Samples));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], stored.ClassCounts);
        Assert.Equal(1500, stored.Step);
        Assert.Null(store.Evaluation(other.Id)!.Step);
    }

    [Fact]
    public void MetricAt_gives_each_trials_value_at_one_step_and_skips_those_without_it()
    {
        using var store = WithSweep();
        var trials = new[] { store.Claim("grid", "a", Minute)!, store.Claim("grid", "b", Minute)!, store.Claim("grid", "c", Minute)! };
        store.AddMetrics(trials[0].Claim!, Record(500, 1.5));
        store.AddMetrics(trials[1].Claim!, Record(500, double.NaN));
        store.AddMetrics(trials[1].Claim!, Record(400, 0.5));
        store.AddMetrics(trials[2].Claim!, Record(500, 2.5));
        store.CreateSweep(Grid with { Name = "other" }, Configs(0.4));
        var stranger = store.Claim("other", "d", Minute)!;
        store.AddMetrics(stranger.Claim!, Record(500, 9));

        var values = store.MetricAt("grid", MetricNames.LossD, 500);

        // NaN is no value to rank by; another sweep's trials are no peers.
        Assert.Equal(new Dictionary<long, double> { [trials[0].Id] = 1.5, [trials[2].Id] = 2.5 }, values);
        Assert.Empty(store.MetricAt("grid", MetricNames.LossD, 450));
    }

    [Fact]
    public void A_stopped_trial_keeps_no_checkpoint_and_resume_never_requeues_it()
    {
        using var store = WithSweep();
        var trial = store.Claim("grid", "a", Minute)!;
        store.AddArtifact(trial.Claim!, new TrialArtifact(ArtifactKind.Checkpoint, 1, 80, Weights(1)));
        store.AddArtifact(trial.Claim!, new TrialArtifact(ArtifactKind.Generator, 1, 80, Weights(4)));

        Assert.True(store.Finish(trial.Claim!, TrialStates.Stopped, HealthFlags.DOverpowers, "at step 80: gan-health d_saturated: planted"));

        Assert.Null(store.Artifact(trial.Id, ArtifactKind.Checkpoint));
        Assert.NotNull(store.Artifact(trial.Id, ArtifactKind.Generator));
        Assert.Equal(0, store.Requeue("grid", [TrialStates.Failed, TrialStates.Diverged]));
        Assert.Equal(TrialStates.Stopped, store.Trial(trial.Id)!.Status);
    }

    [Fact]
    public void StopQueued_ends_only_the_queued_trials_of_that_sweep_as_stopped_with_the_reason()
    {
        using var store = WithSweep();
        store.CreateSweep(Grid with { Name = "other" }, Configs(0.4));
        var running = store.Claim("grid", "a", Minute)!;

        Assert.Equal(2, store.StopQueued("grid", "budget: the sweep's 30m is spent"));

        var trials = store.Trials("grid");
        Assert.Equal([TrialStates.Running, TrialStates.Stopped, TrialStates.Stopped], trials.Select(t => t.Status));
        Assert.All(trials.Skip(1), t => Assert.Equal("budget: the sweep's 30m is spent", t.Error));
        Assert.All(trials.Skip(1), t => Assert.NotNull(t.Finished));
        Assert.Equal(running.Id, trials[0].Id);
        Assert.Equal(TrialStates.Queued, store.Trials("other").Single().Status);
        Assert.Equal(0, store.StopQueued("grid", "again"));
    }

    [Fact]
    public void A_sweeps_early_termination_rules_target_and_budget_are_stored_with_it()
    {
        using var store = Open();
        store.CreateSweep(Grid with { EarlyTermination = """{"types":["hyperband"]}""", Target = 55.5, Budget = TimeSpan.FromMinutes(30) }, Configs(0.1));
        store.CreateSweep(Grid with { Name = "plain" }, Configs(0.1));

        var stored = store.FindSweep("grid")!;
        Assert.Equal(("""{"types":["hyperband"]}""", 55.5, TimeSpan.FromMinutes(30)), (stored.EarlyTermination, stored.Target, stored.Budget));
        var plain = store.FindSweep("plain")!;
        Assert.Equal((null, null, null), (plain.EarlyTermination, plain.Target, plain.Budget));
        Assert.Equal("""{"types":["hyperband"]}""", store.ListSweeps().Single(s => s.Sweep.Name == "grid").Sweep.EarlyTermination);
    }

    [Fact]
    public void AddTrial_queues_a_trial_after_the_last_and_a_Bayesian_sweeps_space_is_stored_with_it()
    {
        using var store = Open();
        store.CreateSweep(Grid with { Search = """{"seed":1}""" }, Configs(0.1, 0.2));
        store.CreateSweep(Grid with { Name = "other" }, Configs(0.4));
        store.Claim("grid", "a", Minute);

        var added = store.AddTrial("grid", Configs(0.25).Single());

        Assert.Equal((3, TrialStates.Queued, 0.25), (added.Index, added.Status, added.Config.Options.Lr));
        Assert.Equal([1, 2, 3], store.Trials("grid").Select(t => t.Index));
        store.Claim("grid", "b", Minute);
        Assert.Equal(added.Id, store.Claim("grid", "c", Minute)!.Id);
        Assert.Single(store.Trials("other"));
        Assert.Equal("""{"seed":1}""", store.FindSweep("grid")!.Search);
        Assert.Null(store.FindSweep("other")!.Search);
        Assert.Equal(StoreErrorCode.NotFound, Assert.Throws<StoreException>(() => store.AddTrial("missing", Configs(0.1).Single())).Code);
    }

    [Fact]
    public void AddTrial_at_a_given_place_is_stored_there_claimed_in_index_order_and_a_later_trial_goes_after_the_last()
    {
        using var store = Open();
        store.CreateSweep(Grid, Configs(0.1, 0.2));

        // A population member's stretch has its place whenever it is proposed: trial 5 before trial 3.
        var ahead = store.AddTrial("grid", Configs(0.5).Single(), index: 5);
        var behind = store.AddTrial("grid", Configs(0.3).Single(), index: 3);
        var after = store.AddTrial("grid", Configs(0.6).Single());

        Assert.Equal((5, 3, 6), (ahead.Index, behind.Index, after.Index));
        Assert.Equal([(1, 0.1), (2, 0.2), (3, 0.3), (5, 0.5), (6, 0.6)], store.Trials("grid").Select(t => (t.Index, t.Config.Options.Lr)));
        Assert.Equal([1, 2, 3, 5, 6], Enumerable.Range(0, 5).Select(_ => store.Claim("grid", "a", Minute)!.Index));
    }

    [Fact]
    public void Requeue_returns_interrupted_trials_but_never_completed_ones()
    {
        using var store = WithSweep();
        var done = store.Claim("grid", "a", Minute)!;
        var stopped = store.Claim("grid", "a", Minute)!;
        store.Finish(done.Claim!, TrialStates.Completed, HealthFlags.None, null);
        store.Finish(stopped.Claim!, TrialStates.Interrupted, HealthFlags.None, null);

        Assert.Equal(1, store.Requeue("grid", []));

        Assert.Equal(TrialStates.Completed, store.Trial(done.Id)!.Status);
        Assert.Equal(TrialStates.Queued, store.Trial(stopped.Id)!.Status);
    }

    [Fact]
    public void Requeue_can_retry_failed_trials_from_their_checkpoint_and_diverged_ones_from_the_start()
    {
        using var store = WithSweep();
        var failed = store.Claim("grid", "a", Minute)!;
        var diverged = store.Claim("grid", "a", Minute)!;
        foreach (var trial in new[] { failed, diverged })
        {
            store.AddMetrics(trial.Claim!, Record(50, 1.5));
            store.AddArtifact(trial.Claim!, new TrialArtifact(ArtifactKind.Checkpoint, 1, 50, Weights(1)));
        }
        store.Finish(failed.Claim!, TrialStates.Failed, HealthFlags.None, "database or disk is full");
        store.Finish(diverged.Claim!, TrialStates.Diverged, HealthFlags.Diverged, "loss_d is NaN");

        Assert.Equal(0, store.Requeue("grid", []));
        Assert.Equal(1, store.Requeue("grid", [TrialStates.Failed]));
        Assert.Equal(1, store.Requeue("grid", [TrialStates.Failed, TrialStates.Diverged]));

        var (retried, restarted) = (store.Trial(failed.Id)!, store.Trial(diverged.Id)!);
        Assert.Equal((TrialStates.Queued, null), (retried.Status, retried.Error));
        Assert.NotNull(store.Artifact(failed.Id, ArtifactKind.Checkpoint));
        Assert.Single(store.Metrics(failed.Id));
        Assert.Equal((TrialStates.Queued, HealthFlags.None), (restarted.Status, restarted.Flags));
        Assert.Null(store.Artifact(diverged.Id, ArtifactKind.Checkpoint));
        Assert.Single(ArtifactFiles());
        Assert.Empty(store.Metrics(diverged.Id));
    }

    [Fact]
    public void Release_requeues_a_dead_workers_trial_until_its_attempts_run_out()
    {
        using var store = WithSweep();
        var trial = store.Claim("grid", "dead", TimeSpan.FromMinutes(5))!;

        Assert.False(store.Release(trial.Claim! with { Worker = "someone-else" }, 2, "died"));
        Assert.True(store.Release(trial.Claim!, 2, "died"));
        Assert.Equal(TrialStates.Queued, store.Trial(trial.Id)!.Status);

        var again = store.Claim("grid", "dead-again", TimeSpan.FromMinutes(5))!;
        Assert.Equal(trial.Id, again.Id);
        Assert.True(store.Release(again.Claim!, 2, "its worker died twice"));

        var failed = store.Trial(trial.Id)!;
        Assert.Equal((TrialStates.Failed, 2, "its worker died twice"), (failed.Status, failed.Attempts, failed.Error));
        Assert.NotNull(failed.Finished);
    }

    [Fact]
    public void Bulk_reads_of_a_sweep_match_the_per_trial_reads()
    {
        using var store = WithSweep();
        var first = store.Claim("grid", "a", Minute)!;
        var second = store.Claim("grid", "a", Minute)!;
        store.AddMetrics(first.Claim!, Record(50, 1.5));
        store.AddMetrics(first.Claim!, Record(100, 1.25));
        store.AddMetrics(second.Claim!, Record(50, 0.5));
        store.SetEvaluation(second.Claim!, Report);

        var latest = store.LatestMetrics("grid");
        var evaluations = store.Evaluations("grid");

        Assert.Equal([first.Id, second.Id], latest.Keys.Order());
        Assert.Equal(store.LatestMetrics(first.Id)!.Values, latest[first.Id].Values);
        Assert.Equal(100, latest[first.Id].Step);
        Assert.Equal(store.Evaluation(second.Id)!.Fid, Assert.Single(evaluations).Value.Fid);
    }

    [Fact]
    public void Sweeps_are_listed_newest_first_with_their_counts()
    {
        using var store = WithSweep();
        store.CreateSweep(Grid with { Name = "later" }, Configs(0.5, 0.6));
        var trial = store.Claim("later", "a", Minute)!;
        store.Finish(trial.Claim!, TrialStates.Completed, HealthFlags.None, null);

        var sweeps = store.ListSweeps();

        Assert.Equal(["later", "grid"], sweeps.Select(s => s.Sweep.Name));
        Assert.Equal((1, 1), (sweeps[0].Counts[TrialStates.Completed], sweeps[0].Counts[TrialStates.Queued]));
    }
}
