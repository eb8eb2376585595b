// Claim latency: for each store location on the command line and each queue size, stores a sweep
// of that many queued trials, then times CLAIMS claims one after another, each followed by a
// fenced metric write and a finish, as a worker does. Prints one line per (store, size) with the
// median and 95th percentile in milliseconds. A flat median as the queue grows shows the claim
// reads the next-queued index, not the whole table.
//
// Write throughput: then, for each store, WRITERS threads each open a store of their own (as
// trainer processes do; LiteDB's shared mode and SQLite's locks serialise threads and processes
// alike), claim a trial and write RECORDS eight-metric records as fast as they can. Prints the
// records per second of all writers together, beside one writer's, which is what decides whether
// trainers may write directly or must write through their silo.
using System.Diagnostics;
using System.Globalization;
using Gan.Core.Metrics;
using Gan.Core.Training;
using Silo.Stores;
using Silo.Trials;

const int Claims = 100;
var sizes = new[] { 100, 1_000, 10_000 };

foreach (var text in args)
{
    var location = StoreLocation.Parse(text);
    foreach (var size in sizes)
    {
        using var store = SweepStoreFactory.Open(location);
        var name = $"bench-{size}-{Guid.NewGuid():N}";
        var configs = Enumerable.Range(0, size).Select(i => new TrialConfig(new Dictionary<string, object> { ["lr"] = 1e-4 * (1 + i % 10), ["seed"] = (long)i })).ToList();
        store.CreateSweep(new NewSweep(name, "bench", "fid", true), configs);
        var claim = new List<double>();
        var write = new List<double>();
        for (var i = 0; i < Claims; i++)
        {
            var clock = Stopwatch.StartNew();
            var trial = store.Claim(name, "bench", TimeSpan.FromMinutes(5))!;
            claim.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            store.AddMetrics(trial.Claim!, new MetricRecord(1, 1, new Dictionary<string, double> { [MetricNames.LossD] = 1, [MetricNames.LossG] = 1 }));
            write.Add(clock.Elapsed.TotalMilliseconds);
            store.Finish(trial.Claim!, TrialStates.Completed, HealthFlags.None, null);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{location.Kind,-8} queue {size,6}: claim median {Percentile(claim, 0.5):F3} ms, p95 {Percentile(claim, 0.95):F3} ms; fenced metric write median {Percentile(write, 0.5):F3} ms"));
    }
}

const int Records = 300;
foreach (var text in args)
{
    var location = StoreLocation.Parse(text);
    foreach (var writers in new[] { 1, 4 })
    {
        var name = $"writes-{writers}-{Guid.NewGuid():N}";
        using (var store = SweepStoreFactory.Open(location))
            store.CreateSweep(new NewSweep(name, "bench", "fid", true), [.. Enumerable.Range(0, writers).Select(i => new TrialConfig(new Dictionary<string, object> { ["seed"] = (long)i }))]);
        var clock = Stopwatch.StartNew();
        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, w =>
        {
            using var store = SweepStoreFactory.Open(location);
            var trial = store.Claim(name, $"writer-{w}", TimeSpan.FromMinutes(5))!;
            for (var step = 1; step <= Records; step++)
                store.AddMetrics(trial.Claim!, new MetricRecord(step, 1, MetricNames.Averaged.Take(8).ToDictionary(n => n, _ => 0.5)));
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{location.Kind,-8} {writers} writer{(writers == 1 ? " " : "s")}: {writers * Records / clock.Elapsed.TotalSeconds:F0} eight-metric records/s in all"));
    }
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Round(p * (sorted.Count - 1))];
}
