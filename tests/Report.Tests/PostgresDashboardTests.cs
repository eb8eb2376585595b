using Gan.Core.Metrics;
using Gan.Core.Training;
using Silo.Stores;
using Silo.Trials;

/// <summary>`sweep dashboard` on a cluster's store: a real PostgreSQL, with a sweep a silo would have written.</summary>
public sealed class PostgresDashboardTests(PostgresServer server, Browser browser) : IClassFixture<PostgresServer>, IClassFixture<Browser>
{
    [Fact]
    public async Task A_postgres_stores_sweeps_are_listed_and_drawn()
    {
        var store = server.NewDatabase();
        using (var writer = SweepStoreFactory.Open(store))
        {
            writer.CreateSweep(new NewSweep("pg", "name: pg\nparameters:\n  lr: {values: [0.001, 0.002]}\n", "fid", true),
                [.. new[] { 0.001, 0.002 }.Select(lr => new TrialConfig(new Dictionary<string, object> { ["lr"] = lr }))]);
            var trial = writer.Claim("pg", "silo", TimeSpan.FromMinutes(1))!;
            foreach (var step in new[] { 20L, 40L })
                writer.AddMetrics(trial.Claim!, new MetricRecord(step, 0, new Dictionary<string, double> { [MetricNames.LossD] = 1.3, [MetricNames.LossG] = 0.8 }));
            writer.Finish(trial.Claim!, TrialStates.Completed, HealthFlags.None, null);
        }
        var (dashboard, url) = Dashboards.Start("--store", store.Text);
        using var _ = dashboard;

        var (index, indexErrors) = await browser.Open(url);
        var (page, pageErrors) = await browser.Open(url + "?sweep=pg");
        await page.WaitForSelectorAsync(".trial-charts canvas");

        Assert.Equal(["pg", "2", "1", "0", "1"], (await index.Locator("table.sweeps tbody tr td").AllTextContentsAsync()).Take(5));
        Assert.Equal(2, await page.Locator("#results-table tbody tr").CountAsync());
        Assert.Contains("No metrics recorded yet.", await page.TextContentAsync("#trials"));
        Assert.Empty(indexErrors.Concat(pageErrors));
    }

    [Fact]
    public async Task A_dashboard_started_on_a_new_clusters_empty_database_lists_sweeps_as_they_are_stored()
    {
        var store = server.NewDatabase();
        var (dashboard, url) = Dashboards.Start("--store", store.Text);
        using var _ = dashboard;

        var (before, beforeErrors) = await browser.Open(url);
        Assert.Contains("No sweeps stored yet.", await before.TextContentAsync("body"));
        using (var writer = SweepStoreFactory.Open(store))
            writer.CreateSweep(new NewSweep("first", "name: first\n", "fid", true), [new TrialConfig(new Dictionary<string, object> { ["lr"] = 0.001 })]);
        var (after, afterErrors) = await browser.Open(url);

        Assert.Contains("holds no sweeps yet: the dashboard lists them as they are stored.", dashboard.Error, StringComparison.Ordinal);
        Assert.Equal("first", await after.Locator("table.sweeps tbody tr td").First.TextContentAsync());
        Assert.Empty(beforeErrors.Concat(afterErrors));
        Assert.False(dashboard.Process.HasExited);
    }
}
