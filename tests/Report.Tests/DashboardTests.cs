using Coordinator.Cli;
using Microsoft.Playwright;
using Silo.Stores;

/// <summary>`sweep dashboard` as a user runs it: a real server process on a free port, a real sweep training beside it, a real browser.</summary>
public sealed class DashboardTests(Browser browser) : IClassFixture<Browser>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-dashboard-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Database => Path.Combine(folder, "sweeps.db");

    [Fact]
    public async Task A_running_trials_step_count_rises_in_the_page_without_a_reload()
    {
        var file = Path.Combine(folder, "live.yaml");
        File.WriteAllText(file, "name: live\nbase: {dataset: gaussian, arch: toy, steps: 30000, batch_size: 100, log_every: 100}\nparameters:\n  lr: {values: [0.001]}\n");
        using var run = SweepProcess.Start("run", file, "--db", Database, "--workers", "1");
        run.WaitFor(() => Running() is { Step: > 0 }, "the trial training");
        var (dashboard, url) = Dashboards.Start("--db", Database);
        using var _ = dashboard;

        var (page, errors) = await browser.Open($"{url}?sweep=live");
        await page.EvaluateAsync("window.__sameDocument = true");
        var id = Running()!.Id;
        var step = page.Locator($"[data-testid='step-{id}']");
        var first = long.Parse(await step.TextContentAsync() ?? "");
        await page.WaitForFunctionAsync($"n => Number(document.querySelector(\"[data-testid='step-{id}']\").textContent) > n", first, new PageWaitForFunctionOptions { Timeout = (float)SweepProcess.HangGuard.TotalMilliseconds });
        var later = long.Parse(await step.TextContentAsync() ?? "");
        await page.Locator($"#trial-{id} .trial-charts canvas").First.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "dashboard-live.png") });

        Assert.True(later > first, $"step {first} then {later}");
        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page reloaded");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Effects_appear_in_the_page_as_trials_get_their_scores()
    {
        SweepStoreFactory.Open(StoreLocation.Parse(Database)).Dispose();
        var (dashboard, url) = Dashboards.Start("--db", Database);
        using var _ = dashboard;
        var file = Path.Combine(folder, "scores.yaml");
        File.WriteAllText(file, "name: scores\nmetric: {name: wasserstein, goal: minimize}\nbase: {dataset: gaussian, arch: toy, steps: 8000, batch_size: 100, log_every: 100}\nparameters:\n  lr: {values: [0.001, 0.005]}\n");
        using var run = SweepProcess.Start("run", file, "--db", Database, "--workers", "1");
        run.WaitFor(() => Running("scores") is not null, "the first trial training");

        var (page, errors) = await browser.Open($"{url}?sweep=scores");
        var before = await page.TextContentAsync("#hyperparameter");
        await page.EvaluateAsync("window.__sameDocument = true");
        // An event, not a clock: on a loaded machine (the other tests' sweeps) the trials only finish later.
        await page.WaitForSelectorAsync("#hyperparameter .effect canvas", new PageWaitForSelectorOptions { Timeout = (float)SweepProcess.HangGuard.TotalMilliseconds });

        Assert.Contains("No trial has a wasserstein yet", before, StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page reloaded");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_index_lists_the_stores_sweeps_and_an_unknown_sweep_is_said()
    {
        var file = Path.Combine(folder, "done.yaml");
        File.WriteAllText(file, "name: done\nbase: {dataset: gaussian, arch: toy, steps: 200, batch_size: 100, log_every: 100}\nparameters:\n  lr: {values: [0.001, 0.002]}\n");
        Assert.Equal(ExitCodes.Ok, SweepProcess.Run("run", file, "--db", Database).exitCode);
        var (dashboard, url) = Dashboards.Start("--db", Database);
        using var _ = dashboard;

        var (index, indexErrors) = await browser.Open(url);
        var (missing, missingErrors) = await browser.Open($"{url}?sweep=nope");

        var cells = await index.Locator("table.sweeps tbody tr td").AllTextContentsAsync();
        var header = await index.Locator("table.sweeps thead th").AllTextContentsAsync();
        Assert.Equal(["sweep", "trials", .. TrialStates.All, "metric", "best", "created"], header);
        Assert.Equal(["done", "2", "0", "0", "2"], cells.Take(5));
        Assert.Equal("wasserstein (min)", cells[header.Count - 3]);
        using (var store = SweepStoreFactory.OpenReadOnly(StoreLocation.Parse(Database)))
        {
            var best = store.LatestMetrics("done").Values.Min(r => r.Values["wasserstein"]);
            Assert.Equal(best, double.Parse(cells[header.Count - 2], System.Globalization.CultureInfo.InvariantCulture), 3);
        }
        Assert.Equal("No sweep named 'nope' in " + Database + ".", await missing.TextContentAsync(".error"));

        // Live: a sweep stored after the page opened appears without a reload.
        using (var store = SweepStoreFactory.Open(StoreLocation.Parse(Database)))
            store.CreateSweep(new NewSweep("later", "name: later\n", "fid", true), [new Silo.Trials.TrialConfig(new Dictionary<string, object> { ["lr"] = 0.001 })]);
        await index.WaitForSelectorAsync("table.sweeps a:text-is('later')", new() { Timeout = 20_000 });
        Assert.Empty(indexErrors.Concat(missingErrors));
    }

    [Fact]
    public void Binding_beyond_loopback_warns_that_there_is_no_authentication_and_ctrl_c_stops_it()
    {
        SweepStoreFactory.Open(StoreLocation.Parse(Database)).Dispose();
        using var dashboard = SweepProcess.Start("dashboard", "--db", Database, "--port", "0", "--bind", "0.0.0.0");
        dashboard.WaitFor(() => dashboard.Output.Contains("Dashboard of", StringComparison.Ordinal), "the dashboard starting");

        SweepProcess.Signal(dashboard.Process.Id, "INT");
        dashboard.WaitForExit();

        Assert.Contains("warning: listening on 0.0.0.0: the dashboard has no authentication", dashboard.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Interrupted, dashboard.Process.ExitCode);
    }

    [Fact]
    public void A_bind_address_that_is_not_one_is_bad_input()
    {
        var (exitCode, _, error) = SweepProcess.Run("dashboard", "--db", Database, "--bind", "everywhere");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("bind = 'everywhere': must be an IP address", error, StringComparison.Ordinal);
    }

    private TrialRecord? Running(string sweep = "live")
    {
        using var store = SweepStoreFactory.OpenReadOnly(StoreLocation.Parse(Database));
        return store.FindSweep(sweep) is null ? null : store.Trials(sweep).FirstOrDefault(t => t.Status == TrialStates.Running);
    }
}
