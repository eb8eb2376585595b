using Gan.Core.Metrics;
using Gan.Core.Training;
using Silo.Search;
using Silo.Stores;
using Silo.Trials;

/// <summary>
/// The early-termination rules on planted trials: records written into a real SQLite store as a
/// failing trial would write them, checked at the step each rule should fire, and healthy ones
/// left alone.
/// </summary>
public sealed class EarlyStoppingRuleTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-rules-").FullName;
    private readonly ISweepStore store;

    public EarlyStoppingRuleTests()
    {
        store = SqliteSweepStore.Open(Path.Combine(folder, "sweeps.db"));
        var configs = Enumerable.Range(0, 6).Select(i => new TrialConfig(new Dictionary<string, object> { ["seed"] = (long)i })).ToList();
        store.CreateSweep(new NewSweep("planted", "name: planted", "fid", true), configs);
    }

    public void Dispose()
    {
        store.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static MetricRecord Balance(long step, double dgz, double accuracy) => new(step, step / 80, new Dictionary<string, double>
    {
        [MetricNames.DFakeBefore] = dgz, [MetricNames.AccuracyReal] = accuracy, [MetricNames.AccuracyFake] = accuracy,
    });

    private static MetricRecord Quick(long step, double fid, double coverage) => new(step, step / 80, new Dictionary<string, double>
    {
        [MetricNames.DFakeBefore] = 0.4, [MetricNames.AccuracyReal] = 0.7, [MetricNames.AccuracyFake] = 0.7,
        [MetricNames.QuickFid] = fid, [MetricNames.QuickCoverage] = coverage,
    });

    /// <summary>Feeds records to a trial's rules as its trainer would, recording each first; returns the step and reason of the first stop.</summary>
    private (long Step, string Reason)? Feed(EarlyTermination rules, IEnumerable<MetricRecord> records, IReadOnlyList<MetricRecord>? history = null)
    {
        var trial = store.Claim("planted", "w", Minute)!;
        var stopping = new SweepEarlyStopping(rules, store, trial, history ?? []);
        foreach (var record in records)
        {
            store.AddMetrics(trial.Claim!, record);
            if (stopping.Check(record, HealthFlags.None) is { } reason)
                return (record.Step, reason);
        }
        return null;
    }

    private static readonly EarlyTermination Health = new() { Types = [EarlyTerminationType.GanHealth] };

    [Fact]
    public void A_saturated_D_stops_the_trial_after_the_grace_once_enough_records_in_a_row_are_saturated()
    {
        // Saturated from step 50 on, every 50 steps: the tenth such record is at 500, past the grace of 400.
        var stop = Feed(Health, Enumerable.Range(1, 20).Select(i => Balance(i * 50, 0.001, 0.995)));

        Assert.Equal(500, stop?.Step);
        Assert.StartsWith("gan-health d_saturated:", stop?.Reason);
    }

    [Fact]
    public void Saturation_interrupted_by_one_balanced_record_starts_counting_again_and_a_healthy_trial_runs_on()
    {
        var records = Enumerable.Range(1, 20).Select(i => i == 8 ? Balance(i * 50, 0.3, 0.7) : Balance(i * 50, 0.001, 0.995));
        // Balanced at 400, saturated again from 450: the tenth in a row is at 900.
        Assert.Equal(900, Feed(Health, records)?.Step);
        Assert.Null(Feed(Health, Enumerable.Range(1, 40).Select(i => Balance(i * 50, 0.35, 0.72))));
    }

    [Fact]
    public void The_saturated_run_carries_over_a_resume_and_the_grace_holds_early_records()
    {
        var before = Enumerable.Range(1, 8).Select(i => Balance(i * 50, 0.001, 0.995)).ToList();
        var stop = Feed(Health, Enumerable.Range(9, 5).Select(i => Balance(i * 50, 0.001, 0.995)), history: before);
        Assert.Equal(500, stop?.Step);

        var early = Feed(Health with { Grace = 2000 }, Enumerable.Range(1, 20).Select(i => Balance(i * 50, 0.001, 0.995)));
        Assert.Null(early);
    }

    [Fact]
    public void Coverage_that_collapses_after_covering_classes_stops_the_trial_and_blobs_early_on_do_not()
    {
        double[] collapsing = [1, 2, 4, 7, 9, 9, 5, 2, 1, 1];
        var stop = Feed(Health, collapsing.Select((c, i) => Quick((i + 1) * 80, 500, c)));
        // Under 3 at 640 and 720: the second quick score in a row under the bound, after a peak of 9.
        Assert.Equal(720, stop?.Step);
        Assert.StartsWith("gan-health coverage_collapsed:", stop?.Reason);

        // A slow starter covering one or two classes for a long time never had classes to lose.
        Assert.Null(Feed(Health, Enumerable.Range(1, 20).Select(i => Quick(i * 80, 2000 - i * 10, i < 15 ? 1 : 2))));
    }

    private static readonly EarlyTermination Asha = new() { Types = [EarlyTerminationType.Hyperband], MinIter = 100, Eta = 2, MaxIter = 1000 };

    [Fact]
    public void Hyperband_scores_at_rungs_min_iter_times_powers_of_eta_below_max_iter()
    {
        var stopping = new SweepEarlyStopping(Asha, store, store.Claim("planted", "w", Minute)!, []);

        Assert.Equal([100L, 200, 400, 800], Enumerable.Range(1, 2000).Select(i => (long)i).Where(stopping.ScoresAt));
        // numpy.percentile's linear interpolation, from the better end.
        Assert.Equal(3.0, HyperbandRungs.Cutoff([5, 1, 3], 2, minimize: true));
        Assert.Equal(2.5, HyperbandRungs.Cutoff([1, 2, 3, 4, 5, 6, 7], 4, minimize: true));
        Assert.Equal(5.5, HyperbandRungs.Cutoff([1, 2, 3, 4, 5, 6, 7], 4, minimize: false));
        Assert.Equal(8.0, HyperbandRungs.Cutoff([8], 3, minimize: true));
    }

    [Fact]
    public void Hyperband_stops_a_trial_outside_the_best_half_of_those_at_its_rung_and_lets_the_first_go_on()
    {
        // Three trials reach rung 100 in turn, asynchronously: each is held only to those before it.
        Assert.Null(Feed(Asha, [Quick(100, 300, 5), Quick(200, 250, 6), Quick(400, 200, 8)]));
        Assert.Null(Feed(Asha, [Quick(100, 280, 5), Quick(200, 240, 6)]));
        var stop = Feed(Asha, [Quick(100, 900, 2), Quick(200, 800, 2)]);

        Assert.Equal(100, stop?.Step);
        Assert.StartsWith("hyperband: fid_quick 900 at rung 100 is outside the best 1/2 of the 3 trials there (cutoff 300)", stop?.Reason);
    }

    [Fact]
    public void Median_waits_for_enough_peers_then_stops_a_trial_worse_than_their_median_at_the_same_step()
    {
        var median = new EarlyTermination { Types = [EarlyTerminationType.Median], MinIter = 200, Interval = 200, MinTrials = 2 };
        Assert.Null(Feed(median, [Quick(200, 300, 5), Quick(400, 200, 7)]));
        // One peer is not enough to judge by.
        Assert.Null(Feed(median, [Quick(200, 900, 2), Quick(400, 800, 2)]));
        var stop = Feed(median, [Quick(200, 950, 2), Quick(400, 900, 2)]);

        Assert.Equal(200, stop?.Step);
        Assert.Equal("median: fid_quick 950 at step 200 is worse than the median 600 of 2 other trials", stop?.Reason);
        // Better than the median goes on.
        Assert.Null(Feed(median, [Quick(200, 250, 6), Quick(400, 150, 8)]));
    }

    [Fact]
    public void Rules_round_trip_through_the_json_stored_with_the_sweep()
    {
        var rules = new EarlyTermination { Types = [EarlyTerminationType.Hyperband, EarlyTerminationType.GanHealth], MinIter = 250, Eta = 2.5, MaxIter = 4000, Metric = MetricNames.QuickCoverage, Minimize = false };

        var json = rules.ToJson();

        Assert.Contains("\"types\":[\"hyperband\",\"gan-health\"]", json);
        var back = EarlyTermination.FromJson(json);
        Assert.Equal(rules.Types, back.Types);
        Assert.Equal(rules with { Types = back.Types }, back);
    }
}
