using System.Text.Json;
using Gan.Core.Metrics;
using Microsoft.Playwright;

/// <summary>`sweep report` pages from real sweeps, in a real browser: charts hold the store's data, marks say where flags fired, where a trial stopped and which generator was scored, the film strip holds its grids, the table sorts, compare overlays, markup stays text.</summary>
public sealed class ReportPageTests(ReportSweeps sweeps, Browser browser) : IClassFixture<ReportSweeps>, IClassFixture<Browser>
{
    [Fact]
    public async Task A_real_sweeps_report_draws_the_stored_curves_film_strips_and_effects_offline()
    {
        var (page, errors) = await browser.Open("file://" + sweeps.Report("tiny"));
        using var store = sweeps.Open();
        var trials = store.Trials("tiny");

        Assert.Equal("tiny", await page.TextContentAsync("h1"));
        Assert.Equal(trials.Count, await page.Locator("#results-table tbody tr").CountAsync());
        await page.WaitForSelectorAsync("#hyperparameter .effect canvas");
        Assert.True(await Painted(page, "#hyperparameter .effect canvas"), "the lr effect chart is blank");
        foreach (var trial in trials)
        {
            await page.Locator($"#trial-{trial.Id}").ScrollIntoViewIfNeededAsync();
            await page.WaitForSelectorAsync($"#trial-{trial.Id} .trial-charts canvas");
            var charts = (await page.EvaluateAsync<JsonElement>($"SweepReport.charts({trial.Id})")).EnumerateArray().ToList();
            var records = store.Metrics(trial.Id);
            var (steps, losses) = Series(charts, "loss D");
            Assert.Equal(records.Select(r => (double?)r.Step), steps);
            Assert.Equal(records.Select(r => (double?)r.Values[MetricNames.LossD]), losses, new Near());
            // Quick FID is scored at epoch ends only: its chart holds those scores, and gaps elsewhere.
            var (_, quick) = Series(charts, "quick FID");
            Assert.Equal(records.Select(r => r.Values.TryGetValue(MetricNames.QuickFid, out var fid) ? fid : (double?)null), quick, new Near());
            Assert.Equal(3, quick.Count(v => v is not null));
            Assert.Equal(4, charts.Count);
            Assert.Contains($"scores are of the generator at step {store.Evaluations("tiny")[trial.Id].Step}", await page.TextContentAsync($"#trial-{trial.Id} p.mark.scored"));
            var grids = store.ArtifactEpochs(trial.Id, ArtifactKind.SampleGrid);
            var frames = page.Locator($"#trial-{trial.Id} .filmstrip img");
            Assert.Equal(grids.Count, await frames.CountAsync());
            Assert.Equal(grids.Select(e => $"epoch {e}"), await page.Locator($"#trial-{trial.Id} .filmstrip figcaption").AllTextContentsAsync());
            Assert.True(await frames.Last.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "a sample grid did not load");
        }
        await page.Locator("h1").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "report-tiny.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Clicking_a_header_sorts_the_table_and_again_reverses_it()
    {
        var (page, errors) = await browser.Open("file://" + sweeps.Report("tiny"));
        async Task<long[]> Ids() => [.. (await page.Locator("#results-table tbody td[data-column='trial']").AllTextContentsAsync()).Select(long.Parse)];

        await page.ClickAsync("#results-table th[data-column='trial']");
        var ascending = await Ids();
        await page.ClickAsync("#results-table th[data-column='trial']");
        var descending = await Ids();

        Assert.Equal(ascending.Order(), ascending);
        Assert.Equal(ascending.Reverse(), descending);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Ticking_two_trials_overlays_their_two_curves()
    {
        var (page, errors) = await browser.Open("file://" + sweeps.Report("tiny"));

        foreach (var box in await page.Locator("#results-table input[type=checkbox]").AllAsync())
            await box.CheckAsync();
        await page.WaitForSelectorAsync("#compare-chart canvas");
        var series = await page.Locator("#compare-chart .u-legend .u-series").AllTextContentsAsync();
        await page.SelectOptionAsync("#compare-metric", "d_x");
        var title = await page.TextContentAsync("#compare-chart .u-title");

        // The legend's first entry is the step axis.
        Assert.Equal(3, series.Count);
        Assert.Equal("D(x) by step", title);
        Assert.True(await Painted(page, "#compare-chart canvas"));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("troubled")]
    [InlineData(ReportSweeps.ScriptName)]
    public async Task Markup_in_names_values_and_errors_shows_as_text_and_missing_data_is_said(string sweep)
    {
        var (page, errors) = await browser.Open("file://" + sweeps.Report(sweep));

        Assert.Equal(sweep, await page.TextContentAsync("h1"));
        Assert.Null(await page.EvaluateAsync<int?>("window.__xss"));
        Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
        Assert.Contains(ReportSweeps.ImageMarkup, await page.TextContentAsync("#results-table"));
        Assert.Contains($"Out of memory {ReportSweeps.ImageMarkup}", await page.TextContentAsync("#trials"));
        Assert.Contains("No metrics recorded yet.", await page.TextContentAsync("#trials"));
        Assert.Contains("diverged fired at step 40", await page.TextContentAsync("#trials"));
        Assert.Contains("stopped early at step 40", await page.TextContentAsync("#trials p.mark.stopped"));
        Assert.Contains("stopped@40 hyperband", await page.TextContentAsync("#results-table"));
        if (sweep == "troubled")
            Assert.Equal(ReportSweeps.ImageMarkup, await page.TextContentAsync(".description"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, $"report-{(sweep == "troubled" ? "troubled" : "script-name")}.png"), FullPage = true });
        Assert.Empty(errors);
    }

    /// <summary>Whether the canvas has any pixel drawn.</summary>
    private static Task<bool> Painted(IPage page, string selector) =>
        page.Locator(selector).First.EvaluateAsync<bool>("c => c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some(v => v !== 0)");

    /// <summary>The step column and the column labelled <paramref name="label"/> of the drawn chart that holds it; null where a point is missing.</summary>
    private static (double?[] Steps, double?[] Values) Series(List<JsonElement> charts, string label)
    {
        var chart = charts.Single(c => c.GetProperty("labels").EnumerateArray().Any(l => l.GetString() == label));
        var column = chart.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToList().IndexOf(label);
        double?[] Column(int i) => [.. chart.GetProperty("data")[i].EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble())];
        return (Column(0), Column(column));
    }

    /// <summary>Doubles equal to the six significant digits a report keeps; a missing value equals only another.</summary>
    private sealed class Near : IEqualityComparer<double?>
    {
        public bool Equals(double? x, double? y) => x is { } a && y is { } b ? Math.Abs(a - b) <= 5e-6 * Math.Abs(a) : x is null && y is null;

        public int GetHashCode(double? value) => 0;
    }
}
