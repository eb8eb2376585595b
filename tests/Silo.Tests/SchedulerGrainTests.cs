using Gan.Core.Evaluation;
using Gan.Core.Training;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using Silo.Grains;
using Silo.Search;
using Silo.Stores;
using Silo.Trials;

/// <summary>
/// The scheduler's decisions, in an in-process Orleans cluster (<see cref="TestCluster"/>) over a
/// real SQLite store: the test plays a silo's slots, polling as <c>SlotRunner</c> does, so each
/// decision is seen in seconds and without trainer processes.
/// </summary>
public sealed class SchedulerGrainTests : IAsyncLifetime
{
    private const string StoreKey = "SweepStore";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweep-scheduler-" + Guid.NewGuid().ToString("N"));
    private TestCluster cluster = null!;

    private StoreLocation Location => StoreLocation.Parse(Path.Combine(folder, "sweeps.db"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        SweepStoreFactory.Open(Location).Dispose();
        var builder = new TestClusterBuilder(2);
        builder.Properties[StoreKey] = Location.Text;
        builder.AddSiloBuilderConfigurator<StoreConfigurator>();
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Gives every silo of the test cluster the sweep grains' store.</summary>
    private sealed class StoreConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.Services.AddSingleton(new GrainStore(StoreLocation.Parse(silo.Configuration[StoreKey]!)));
    }

    private ISchedulerGrain Scheduler => cluster.GrainFactory.GetGrain<ISchedulerGrain>(0);

    private static List<TrialConfig> Configs(params double[] rates) =>
        [.. rates.Select(lr => new TrialConfig(new Dictionary<string, object> { ["lr"] = lr, ["steps"] = 100L }))];

    private void Create(NewSweep sweep, IReadOnlyList<TrialConfig> trials)
    {
        using var store = SweepStoreFactory.Open(Location);
        store.CreateSweep(sweep, trials);
    }

    private static NewSweep Sweep(string name) => new(name, "", "fid", true);

    /// <summary>A report of <paramref name="free"/> free slots on a made-up silo.</summary>
    private static SiloReport Free(int free, string worker = "test-silo") =>
        new("test-silo", "test-host", [.. Enumerable.Range(0, free).Select(i => new SlotReport(i, "cpu", $"{worker}/slot{i}", null))]);

    private async Task<SiloOrders> PollUntil(SiloReport report, Func<SiloOrders, bool> done)
    {
        // Starting a sweep tells the scheduler one way: the first polls may come before it hears.
        for (var i = 0; i < 50; i++)
        {
            var orders = await Scheduler.Poll(report);
            if (done(orders))
                return orders;
            await Task.Delay(100);
        }
        throw new TimeoutException("The scheduler never gave the expected orders.");
    }

    [Fact]
    public async Task Free_slots_get_the_oldest_active_sweeps_trials_in_file_order()
    {
        Create(Sweep("first"), Configs(0.1, 0.2));
        Create(Sweep("second"), Configs(0.3, 0.4));
        await cluster.GrainFactory.GetGrain<ISweepGrain>("second").Start();
        await cluster.GrainFactory.GetGrain<ISweepGrain>("first").Start();
        // The scheduler hears of each start one way: a poll before it has heard of "first" would
        // rightly give "second" the slots. What is tested is the order once it knows both.
        await Task.Delay(TimeSpan.FromSeconds(1));

        var orders = await PollUntil(Free(3), o => o.Assignments.Count == 3);

        Assert.Equal(["first", "first", "second"], orders.Assignments.Select(a => a.Sweep));
        using var store = SweepStoreFactory.Open(Location);
        Assert.Equal([1, 2, 1], orders.Assignments.Select(a => store.Trial(a.Claim.TrialId)!.Index));
        Assert.All(orders.Assignments, a => Assert.Equal(1, a.Claim.Attempt));
        Assert.Equal(["test-silo/slot0", "test-silo/slot1", "test-silo/slot2"], orders.Assignments.Select(a => a.Claim.Worker));
    }

    [Fact]
    public async Task A_cancelled_sweeps_running_trials_are_stopped_and_its_queued_ones_not_started()
    {
        Create(Sweep("cancelled"), Configs(0.1, 0.2, 0.3));
        var sweep = cluster.GrainFactory.GetGrain<ISweepGrain>("cancelled");
        await sweep.Start();
        var started = (await PollUntil(Free(1), o => o.Assignments.Count == 1)).Assignments[0];

        await sweep.Cancel();
        var running = new SiloReport("test-silo", "test-host", [new SlotReport(0, "cpu", "test-silo/slot0", started.Claim), new SlotReport(1, "cpu", "test-silo/slot1", null)]);
        var orders = await PollUntil(running, o => o.Stops.Count == 1);

        Assert.Equal([started.Claim.TrialId], orders.Stops);
        Assert.Empty(orders.Assignments);
    }

    [Fact]
    public async Task The_running_trial_of_a_silo_that_left_the_cluster_goes_back_to_the_queue()
    {
        Create(Sweep("orphans"), Configs(0.1));
        var leaving = cluster.SecondarySilos[0];
        TrialRecord held;
        using (var store = SweepStoreFactory.Open(Location))
            held = store.Claim("orphans", SlotWorkerId.Of(leaving.SiloAddress, 0, 4242), TrialAttempts.Lease)!;

        await cluster.StopSiloAsync(leaving);
        // The scheduler may have lived on the silo that left; on an embedded store it learns the
        // active sweeps anew from their grains.
        await cluster.GrainFactory.GetGrain<ISweepGrain>("orphans").Start();

        using var reader = SweepStoreFactory.Open(Location);
        for (var i = 0; i < 100 && reader.Trial(held.Id)!.Status != TrialStates.Queued; i++)
            await Task.Delay(100);
        var trial = reader.Trial(held.Id)!;
        Assert.Equal(TrialStates.Queued, trial.Status);
        Assert.Equal(1, trial.Attempts);
        // The next free slot takes it again, as attempt 2.
        var orders = await PollUntil(Free(1), o => o.Assignments.Count == 1);
        Assert.Equal((held.Id, 2), (orders.Assignments[0].Claim.TrialId, orders.Assignments[0].Claim.Attempt));
    }

    [Fact]
    public async Task A_sweep_that_reached_its_target_starts_no_more_trials()
    {
        Create(Sweep("target") with { Target = 500 }, Configs(0.1, 0.2, 0.3));
        using (var store = SweepStoreFactory.Open(Location))
        {
            var done = store.Claim("target", "elsewhere", TrialAttempts.Lease)!;
            store.SetEvaluation(done.Claim!, new QualityReport(400, 10, 0.1, 8, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 100, false));
            store.Finish(done.Claim!, TrialStates.Completed, HealthFlags.None, null);
        }
        await cluster.GrainFactory.GetGrain<ISweepGrain>("target").Start();

        var orders = await Scheduler.Poll(Free(2));
        await Task.Delay(500);
        orders = await Scheduler.Poll(Free(2));

        Assert.Empty(orders.Assignments);
        using var reader = SweepStoreFactory.Open(Location);
        Assert.Equal(2, reader.TrialCounts("target").GetValueOrDefault(TrialStates.Stopped));
    }

    [Fact]
    public async Task A_trial_that_reaches_the_target_after_the_first_check_stops_the_rest_once_its_slot_is_free_again()
    {
        Create(Sweep("late-target") with { Target = 500 }, Configs(0.1, 0.2, 0.3, 0.4));
        await cluster.GrainFactory.GetGrain<ISweepGrain>("late-target").Start();
        // The first claim checks the whole sweep: no trial has reached the target.
        var first = (await PollUntil(Free(1), o => o.Assignments.Count == 1)).Assignments[0].Claim;
        using (var store = SweepStoreFactory.Open(Location))
        {
            store.SetEvaluation(first, new QualityReport(400, 10, 0.1, 8, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 100, false));
            store.Finish(first, TrialStates.Completed, HealthFlags.None, null);
        }

        // The slot asks again, free: the trial it was given has ended, and it is the one checked.
        var orders = await Scheduler.Poll(Free(1));

        Assert.Empty(orders.Assignments);
        using var reader = SweepStoreFactory.Open(Location);
        Assert.Equal(3, reader.TrialCounts("late-target").GetValueOrDefault(TrialStates.Stopped));
    }

    [Fact]
    public async Task A_sweep_whose_budget_is_spent_starts_no_more_trials()
    {
        Create(Sweep("budget") with { Budget = TimeSpan.FromSeconds(1) }, Configs(0.1, 0.2, 0.3));
        using (var store = SweepStoreFactory.Open(Location))
            store.Claim("budget", "elsewhere", TrialAttempts.Lease);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await cluster.GrainFactory.GetGrain<ISweepGrain>("budget").Start();

        await Task.Delay(500);
        var orders = await Scheduler.Poll(Free(2));

        Assert.Empty(orders.Assignments);
        using var reader = SweepStoreFactory.Open(Location);
        Assert.Equal(2, reader.TrialCounts("budget").GetValueOrDefault(TrialStates.Stopped));
    }

    [Fact]
    public async Task A_bayesian_sweep_proposes_a_trial_for_each_free_slot_up_to_run_cap()
    {
        var space = new SearchSpace(new Dictionary<string, object> { ["steps"] = 100L }, [new RangeParameter("lr", Distribution.LogUniformValues, 1e-4, 1e-2)], 7, 3);
        Create(Sweep("bayes") with { Search = space.ToJson() }, []);
        var sweep = cluster.GrainFactory.GetGrain<ISweepGrain>("bayes");
        await sweep.Start();

        var orders = await PollUntil(Free(2), o => o.Assignments.Count == 2);
        Assert.True(await Scheduler.Proposes("bayes"));
        var last = await Scheduler.Poll(Free(2, "other-silo"));

        Assert.Single(last.Assignments);
        Assert.False(await Scheduler.Proposes("bayes"));
        using var store = SweepStoreFactory.Open(Location);
        var trials = store.Trials("bayes");
        Assert.Equal(3, trials.Count);
        Assert.All(trials, t => Assert.InRange((double)t.Config["lr"], 1e-4, 1e-2));
        Assert.Equal(3, trials.Select(t => t.Config["lr"]).Distinct().Count());
    }
}
