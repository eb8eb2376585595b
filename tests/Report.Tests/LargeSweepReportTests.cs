using System.Text.Json;
using Microsoft.Playwright;
using Coordinator.Report;
using Gan.Core.Metrics;
using Gan.Core.Training;
using Silo.Stores;
using Silo.Trials;

/// <summary>The report of a sweep larger than it shows whole: its best trials in full, the whole sweep in its counts and effect charts.</summary>
public sealed class LargeSweepReportTests(Browser browser) : IClassFixture<Browser>, IDisposable
{
    private const int Trials = ReportBuilder.DetailedTrials + 150;
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-large-report-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_sweep_of_more_trials_than_a_report_shows_whole_shows_its_best_and_plots_them_all()
    {
        var database = Path.Combine(folder, "sweeps.db");
        var scores = Fill(database);
        var path = Path.Combine(folder, "big.html");

        var (exitCode, output, error) = SweepProcess.Run("report", "big", "--db", database, "-o", path);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains($"({ReportBuilder.DetailedTrials} of {Trials} trials shown whole,", output);
        var (page, errors) = await browser.Open("file://" + path);
        var best = scores.OrderBy(p => p.Value).Take(ReportBuilder.DetailedTrials).Select(p => p.Key).ToList();
        var rows = (await page.Locator("#results-table tbody td[data-column='trial']").AllTextContentsAsync()).Select(long.Parse).ToList();
        Assert.Equal(best, rows);
        Assert.Equal(ReportBuilder.DetailedTrials, await page.Locator("section.trial").CountAsync());
        Assert.Equal($"{Trials} trials ({Trials} completed); ranked by wasserstein, lower is better.", await page.Locator("header .summary").TextContentAsync());
        Assert.StartsWith($"{ReportBuilder.DetailedTrials} of the {Trials} trials are shown whole", await page.Locator("#shown").TextContentAsync());
        // The effect chart holds a point for every trial, each at its own learning rate and score.
        await page.WaitForSelectorAsync("#hyperparameter .effect canvas");
        var effect = (await page.EvaluateAsync<JsonElement>("SweepReport.charts('effects')")).EnumerateArray().Single();
        var data = effect.GetProperty("data").EnumerateArray().Select(c => c.EnumerateArray().Select(v => v.GetDouble()).ToList()).ToList();
        Assert.Equal(Trials, data[1].Count);
        Assert.Equal(scores.Values.Order(), data[1].Order(), (a, b) => Math.Abs(a - b) < 1e-9);
        // Each learning rate was tried once: no line of means zigzags through them.
        Assert.Equal(2, data.Count);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "report-large.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public void A_sample_by_rank_keeps_the_best_then_spaces_the_rest_evenly_to_the_last()
    {
        var kept = ReportBuilder.SampledByRank(25_000, ReportBuilder.PopulationPoints, ReportBuilder.DetailedTrials).ToList();

        Assert.Equal(ReportBuilder.PopulationPoints, kept.Count);
        Assert.Equal(Enumerable.Range(0, ReportBuilder.DetailedTrials), kept.Take(ReportBuilder.DetailedTrials));
        Assert.Equal(24_999, kept[^1]);
        Assert.True(kept.Zip(kept.Skip(1)).All(p => p.First < p.Second), "not strictly in rank order");
        var gaps = kept.Skip(ReportBuilder.DetailedTrials).Zip(kept.Skip(ReportBuilder.DetailedTrials + 1)).Select(p => p.Second - p.First).Distinct().Order().ToList();
        Assert.True(gaps[^1] - gaps[0] <= 1, $"uneven gaps: {string.Join(", ", gaps)}");
        Assert.Equal(Enumerable.Range(0, 40), ReportBuilder.SampledByRank(40, ReportBuilder.PopulationPoints, ReportBuilder.DetailedTrials));
    }

    [Fact]
    public void A_film_strip_keeps_evenly_spaced_grids_the_first_and_last_among_them_or_only_the_last()
    {
        long[] epochs = [.. Enumerable.Range(1, 10).Select(e => (long)e)];

        Assert.Equal([1L, 4, 7, 10], ReportBuilder.Spaced(epochs, 4));
        Assert.Equal([10L], ReportBuilder.Spaced(epochs, 1));
        Assert.Equal(epochs, ReportBuilder.Spaced(epochs, 12));
    }

    /// <summary>A sweep of <see cref="Trials"/> completed toy trials over learning rates, each with a final Wasserstein distance; the scores by trial id.</summary>
    private static Dictionary<long, double> Fill(string database)
    {
        using var store = SweepStoreFactory.Open(StoreLocation.Parse(database));
        var random = new Random(7);
        store.CreateSweep(new NewSweep("big", "name: big\nmetric: {name: wasserstein, goal: minimize}\nparameters:\n  lr: {values: [0.001]}\n", MetricNames.Wasserstein, true),
            [.. Enumerable.Range(0, Trials).Select(i => new TrialConfig(new Dictionary<string, object> { ["arch"] = "toy", ["dataset"] = "gaussian", ["lr"] = 1e-4 * (1 + i) }))]);
        var scores = new Dictionary<long, double>();
        for (var i = 0; i < Trials; i++)
        {
            var claim = store.Claim("big", "w", TimeSpan.FromMinutes(1))!.Claim!;
            scores[claim.TrialId] = random.NextDouble();
            store.AddMetrics(claim, new MetricRecord(5, 0, new Dictionary<string, double> { [MetricNames.LossD] = 1.3, [MetricNames.Wasserstein] = scores[claim.TrialId] }));
            store.Finish(claim, TrialStates.Completed, HealthFlags.None, null);
        }
        return scores;
    }
}
