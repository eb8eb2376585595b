// bench/run.sh report [ROUNDS] [TRIALS] [STEPS]: the report of a large synthetic sweep, against
// the report of a small real one, both opened in the same headless Chromium, interleaved.
//
// The small sweep is real: one MNIST MLP trial of three epochs, trained by `sweep run`. Its
// sample grids are the large sweep's too, so that grid sizes are real. The large sweep is
// written through the store's own interface: TRIALS completed trials of STEPS records each
// (every metric a trial records), a sample grid every 80 steps (an MNIST epoch), and scores.
// For each, `sweep report` writes the file (timed), and Chromium opens it ROUNDS times: the time
// from navigation to the page's ready mark, which comes after the table, the effect charts and
// the trials in view are drawn.
using System.Diagnostics;
using System.Globalization;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;
using Microsoft.Playwright;
using Silo.Stores;
using Silo.Trials;

var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var trials = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var steps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4000;
var sweep = Environment.GetEnvironmentVariable("SWEEP_DLL") ?? throw new InvalidOperationException("SWEEP_DLL names the sweep.dll to run.");
var work = Directory.CreateTempSubdirectory("sweep-report-bench-").FullName;
try
{
    var small = Path.Combine(work, "small.db");
    File.WriteAllText(Path.Combine(work, "small.yaml"), "name: small\nbase: {dataset: mnist, arch: mlp, steps: 240, log_every: 1, eval_samples: 200}\nparameters:\n  lr: {values: [0.0002]}\n");
    Sweep("run", Path.Combine(work, "small.yaml"), "--db", small);
    IReadOnlyList<byte[]> grids;
    using (var store = SweepStoreFactory.Open(StoreLocation.Parse(small)))
    {
        var id = store.Trials("small").Single().Id;
        grids = [.. store.ArtifactEpochs(id, ArtifactKind.SampleGrid).Select(e => store.Artifact(id, ArtifactKind.SampleGrid, e)!.Bytes)];
    }

    var large = Path.Combine(work, "large.db");
    var fill = Stopwatch.StartNew();
    Fill(large, trials, steps, grids);
    Console.Error.WriteLine($"filled the large store in {fill.Elapsed.TotalSeconds:F0} s");

    var (largeFile, largeWrite) = Report(large, "large");
    var (smallFile, smallWrite) = Report(small, "small");

    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    var (largeOpen, smallOpen) = (new List<double>(), new List<double>());
    for (var round = 0; round < rounds; round++)
    {
        largeOpen.Add(await Open(browser, largeFile));
        smallOpen.Add(await Open(browser, smallFile));
    }

    Console.WriteLine($"machine: {Environment.ProcessorCount} cores; Chromium {browser.Version}");
    Console.WriteLine($"large: {trials} trials x {steps} records, {steps / 80} grids each: file {new FileInfo(largeFile).Length / 1e6:F1} MB, written in {largeWrite:F1} s, opens in {Median(largeOpen):F2} s (median of {rounds}; {string.Join(" ", largeOpen.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))})");
    Console.WriteLine($"reference, small: 1 trial x 240 records, {grids.Count} grids: file {new FileInfo(smallFile).Length / 1e6:F2} MB, written in {smallWrite:F1} s, opens in {Median(smallOpen):F2} s (median of {rounds})");
    Console.WriteLine($"reproduce: bench/run.sh report {rounds} {trials} {steps}");
}
finally
{
    Directory.Delete(work, recursive: true);
}

void Sweep(params string[] arguments)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in new[] { sweep }.Concat(arguments))
        start.ArgumentList.Add(argument);
    start.Environment["DOTNET_JITMinOpts"] = "1";
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEndAsync();
    var error = process.StandardError.ReadToEndAsync();
    process.WaitForExit();
    if (process.ExitCode != 0)
        throw new InvalidOperationException($"sweep {string.Join(' ', arguments)} exited with {process.ExitCode}: {output.Result}{error.Result}");
}

(string file, double seconds) Report(string database, string name)
{
    var file = Path.Combine(work, name + ".html");
    var clock = Stopwatch.StartNew();
    Sweep("report", name, "--db", database, "-o", file);
    return (file, clock.Elapsed.TotalSeconds);
}

static async Task<double> Open(IBrowser browser, string file)
{
    var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1300, Height = 1000 } });
    var clock = Stopwatch.StartNew();
    await page.GotoAsync("file://" + file, new PageGotoOptions { Timeout = 120_000 });
    await page.WaitForSelectorAsync("body[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 120_000 });
    var seconds = clock.Elapsed.TotalSeconds;
    await page.CloseAsync();
    return seconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

// TRIALS completed trials over a learning-rate grid with three seeds, each with STEPS records of
// every metric a trial logs, a grid per 80 steps and its scores.
static void Fill(string database, int trials, int steps, IReadOnlyList<byte[]> grids)
{
    using var store = SweepStoreFactory.Open(StoreLocation.Parse(database));
    var configs = Enumerable.Range(0, trials).Select(i => new TrialConfig(new Dictionary<string, object>
    {
        ["lr"] = Math.Round(1e-5 * Math.Pow(10, 3.0 * (i / 3) / Math.Max(1, trials / 3)), 8), ["seed"] = (long)(i % 3),
    })).ToList();
    store.CreateSweep(new NewSweep("large", "name: large\nparameters:\n  lr: {values: [0.0001]}\n  seed: {values: [0, 1, 2]}\n", "fid", true), configs);
    var random = new Random(1);
    for (var t = 0; t < trials; t++)
    {
        var claim = store.Claim("large", "bench", TimeSpan.FromHours(1))!.Claim!;
        for (var step = 1; step <= steps; step++)
        {
            var wobble = random.NextDouble() * 0.1;
            store.AddMetrics(claim, new MetricRecord(step, (step - 1) / 80, new Dictionary<string, double>
            {
                [MetricNames.LossD] = 1.2 + wobble, [MetricNames.LossG] = 0.9 - wobble, [MetricNames.DReal] = 0.55 + wobble / 2,
                [MetricNames.DFakeBefore] = 0.45 - wobble / 2, [MetricNames.DFakeAfter] = 0.4, [MetricNames.AccuracyReal] = 0.6,
                [MetricNames.AccuracyFake] = 0.6, [MetricNames.GradNormD] = 2 + wobble, [MetricNames.GradNormG] = 1.5, [MetricNames.StepsPerSecond] = 90,
            }));
            if (step % 80 == 0)
                store.AddArtifact(claim, new TrialArtifact(ArtifactKind.SampleGrid, step / 80, step, grids[step / 80 % grids.Count]));
        }
        store.SetEvaluation(claim, new QualityReport(50 + random.NextDouble() * 100, 9, 0.1, 7, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 200, false));
        store.Finish(claim, TrialStates.Completed, HealthFlags.None, null);
    }
}
