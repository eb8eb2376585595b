// What a sweep of many trials costs a store, at each size on the command line: for each store
// location, a random sweep of SIZE trials is stored (timed), then
// - CLAIMS claims one after another, each followed by a finish, as a worker does (median, p95);
// - what the scheduler's reconcile reads every 2 s (the running trials) and what `sweep run` and
//   `sweep watch` read every second (the counts by state), with two trials running (medians);
// then every queued trial is ended at once (as a target reached does) and CLAIMS more are
// queued behind them, and the same is measured again: a claim that walked past the ended trials,
// or a read of them all, would grow with SIZE here.
using System.Diagnostics;
using System.Globalization;
using Gan.Core.Metrics;
using Gan.Core.Training;
using Silo.Stores;
using Silo.Trials;

const int Claims = 100, Reads = 20;
if (args is ["fill", var at, var count])
{
    Fill(StoreLocation.Parse(at), int.Parse(count, CultureInfo.InvariantCulture));
    return;
}
var sizes = args.Where(a => a.All(char.IsAsciiDigit)).Select(int.Parse).ToList();
foreach (var text in args.Where(a => !a.All(char.IsAsciiDigit)))
{
    var location = StoreLocation.Parse(text);
    foreach (var size in sizes)
    {
        using var store = SweepStoreFactory.Open(location);
        var name = $"scale-{size}-{Guid.NewGuid():N}";
        var random = new Random(size);
        var configs = Enumerable.Range(0, size).Select(_ => Config(random)).ToList();
        var clock = Stopwatch.StartNew();
        store.CreateSweep(new NewSweep(name, "bench", "wasserstein", true), configs);
        var stored = clock.Elapsed.TotalSeconds;
        var (claimFull, running, counts) = Measure(store, name);
        store.StopQueued(name, "bench: every queued trial ended");
        for (var i = 0; i < Claims + 2; i++)
            store.AddTrial(name, Config(random));
        var (claimEnded, runningEnded, countsEnded) = Measure(store, name);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{location.Kind,-8} {size,7} trials: stored in {stored,6:F2} s; claim median {claimFull.Median,6:F2} ms (p95 {claimFull.P95,6:F2}), " +
            $"with all but {Claims} ended {claimEnded.Median,6:F2} ms (p95 {claimEnded.P95,6:F2}); running trials read {running.Median,6:F2} / {runningEnded.Median,6:F2} ms; " +
            $"counts by state {counts.Median,6:F2} / {countsEnded.Median,6:F2} ms"));
    }
}

// `fill LOCATION SIZE`: a sweep named "big" of SIZE completed toy trials, each with the five
// records and the final scores a 5-step toy trial logging every step writes, for the commands that
// read a whole sweep (`sweep show`, `sweep report`) to be timed on.
static void Fill(StoreLocation location, int size)
{
    using var store = SweepStoreFactory.Open(location);
    var random = new Random(size);
    store.CreateSweep(new NewSweep("big", "name: big\nmethod: random\nrun_cap: 2\nmetric: {name: wasserstein, goal: minimize}\nbase: {dataset: gaussian, arch: toy, steps: 5, log_every: 1}\nparameters:\n  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.01}\n", "wasserstein", true),
        [.. Enumerable.Range(0, size).Select(_ => Config(random))]);
    for (var i = 0; i < size; i++)
    {
        var claim = store.Claim("big", "fill", TimeSpan.FromMinutes(5))!.Claim!;
        for (var step = 1L; step <= 5; step++)
        {
            var values = new Dictionary<string, double> { [MetricNames.LossD] = 1.3 + random.NextDouble() / 10, [MetricNames.LossG] = 0.7, [MetricNames.DReal] = 0.5, [MetricNames.DFakeBefore] = 0.5 };
            if (step == 5)
            {
                values[MetricNames.Wasserstein] = random.NextDouble();
                values[MetricNames.MeanError] = random.NextDouble();
                values[MetricNames.StdError] = random.NextDouble();
            }
            store.AddMetrics(claim, new MetricRecord(step, 0, values));
        }
        store.Heartbeat(claim, TimeSpan.FromMinutes(5), 5, 5);
        store.Finish(claim, TrialStates.Completed, HealthFlags.None, null);
    }
}

static TrialConfig Config(Random random) => new(new Dictionary<string, object>
{
    ["dataset"] = "gaussian", ["arch"] = "toy", ["steps"] = 5L, ["lr"] = Math.Round(Math.Pow(10, -4 + 2 * random.NextDouble()), 8), ["seed"] = (long)random.Next(),
});

// Claims and finishes CLAIMS trials, leaving two running, then times the two reads.
static (Stats claim, Stats running, Stats counts) Measure(ISweepStore store, string name)
{
    var claim = new List<double>();
    for (var i = 0; i < Claims; i++)
    {
        var clock = Stopwatch.StartNew();
        var trial = store.Claim(name, "bench", TimeSpan.FromMinutes(5))!;
        claim.Add(clock.Elapsed.TotalMilliseconds);
        store.Finish(trial.Claim!, TrialStates.Completed, HealthFlags.None, null);
    }
    var held = new[] { store.Claim(name, "a", TimeSpan.FromMinutes(5))!, store.Claim(name, "b", TimeSpan.FromMinutes(5))! };
    var running = Time(() => store.Trials(name, TrialStates.Running).Count);
    var counts = Time(() => store.TrialCounts(name).Count);
    foreach (var trial in held)
        store.Finish(trial.Claim!, TrialStates.Completed, HealthFlags.None, null);
    return (Stats.Of(claim), running, counts);
}

static Stats Time(Func<int> read) => Stats.Of([.. Enumerable.Range(0, Reads).Select(_ =>
{
    var clock = Stopwatch.StartNew();
    read();
    return clock.Elapsed.TotalMilliseconds;
})]);

internal readonly record struct Stats(double Median, double P95)
{
    public static Stats Of(List<double> values)
    {
        var sorted = values.Order().ToList();
        return new(sorted[sorted.Count / 2], sorted[(int)Math.Round(0.95 * (sorted.Count - 1))]);
    }
}
