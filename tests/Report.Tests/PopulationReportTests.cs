using Microsoft.Playwright;
using Silo.Stores;

/// <summary>
/// A pbt sweep's report in a real browser: the lineage draws a bar for every stretch and a line for
/// every copy the store records, a schedule chart for every option explore changes, and an effect
/// plot for every option the search chose (not the stretches' steps). The sweep is
/// a real `sweep run` of the toy lab: four members, three stretches.
/// </summary>
public sealed class PopulationReportTests(Browser browser) : IClassFixture<Browser>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-pbt-report-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_pbt_report_draws_every_stretch_every_copy_and_each_mutable_options_schedule()
    {
        var database = Path.Combine(folder, "sweeps.db");
        var file = Path.Combine(folder, "pbt.yaml");
        File.WriteAllText(file, SweepText(""));
        var path = Report(file, database);
        using var store = SweepStoreFactory.OpenReadOnly(StoreLocation.Parse(database));
        var trials = store.Trials("toy-pbt");
        var copies = trials.Where(t => t.Parent is { } parent && (trials.Single(p => p.Id == parent).Index - 1) % 4 != (t.Index - 1) % 4).ToList();

        var (page, errors) = await browser.Open("file://" + path);

        Assert.Equal(12, await page.Locator("#population rect.stretch").CountAsync());
        var links = await page.Locator("#population path.exploit").EvaluateAllAsync<string[]>("links => links.map(l => l.dataset.from + '>' + l.dataset.to)");
        Assert.Equal(copies.Select(t => $"{t.Parent}>{t.Id}").Order(), links.Order());
        Assert.NotEmpty(copies);
        Assert.Equal(["lr", "beta1"], await page.Locator("#population svg.schedule").EvaluateAllAsync<string[]>("charts => charts.map(c => c.dataset.param)"));
        // Effects plot what the search chose; each stretch's steps are the lineage's x axis, not an option searched.
        Assert.Equal(["beta1", "lr"], (await page.Locator(".chart.effect").EvaluateAllAsync<string[]>("charts => charts.map(c => c.dataset.param)")).Order());
        // Each member's schedule is a line of its own in each chart.
        Assert.Equal(4, await page.Locator("#population svg.schedule[data-param='lr'] path").CountAsync());
        await page.Locator("#population").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "report-pbt.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_pbt_sweep_cut_short_fills_the_lineage_with_the_steps_it_reached_and_says_what_was_planned()
    {
        var database = Path.Combine(folder, "sweeps.db");
        var file = Path.Combine(folder, "pbt.yaml");
        // Two stretches of the three planned.
        File.WriteAllText(file, SweepText("run_cap: 8"));

        var (page, errors) = await browser.Open("file://" + Report(file, database));

        Assert.Equal(8, await page.Locator("#population rect.stretch").CountAsync());
        Assert.Equal("step (of 600 planned)", await page.Locator("#population svg.lineage text.axis-label").TextContentAsync());
        // The furthest stretch ends where the axis does, 20 units (the right margin) short of the chart's edge.
        var ends = await page.Locator("#population rect.stretch").EvaluateAllAsync<double[]>("bars => bars.map(b => b.x.baseVal.value + b.width.baseVal.value)");
        var width = await page.Locator("#population svg.lineage").EvaluateAsync<double>("svg => svg.viewBox.baseVal.width");
        Assert.InRange(ends.Max(), width - 22, width - 20);
        Assert.Empty(errors);
    }

    private static string SweepText(string extra) => $"""
        name: toy-pbt
        method: pbt
        random_seed: 4
        {extra}
        base: {"{"}dataset: gaussian, arch: toy, steps: 600, batch_size: 100, log_every: 100{"}"}
        parameters:
          lr: {"{"}distribution: log_uniform_values, min: 0.00001, max: 0.01{"}"}
          beta1: {"{"}values: [0.5, 0.9]{"}"}
        pbt: {"{"}population: 4, perturbation_interval: 200{"}"}
        """;

    /// <summary>Runs the sweep file and writes its report; returns the report's path.</summary>
    private string Report(string file, string database)
    {
        var run = SweepProcess.Run("run", file, "--db", database);
        Assert.True(run.exitCode == 0, run.output + run.error);
        var path = Path.Combine(folder, "toy-pbt.html");
        var report = SweepProcess.Run("report", "toy-pbt", "--db", database, "-o", path);
        Assert.True(report.exitCode == 0, report.output + report.error);
        return path;
    }
}
