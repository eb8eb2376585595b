using System.Globalization;
using System.Text.RegularExpressions;
using Coordinator.Cli;

/// <summary>`sweep silo --health-port`'s /metrics, scraped from a live silo that trains a sweep, and read as Prometheus reads its text format.</summary>
public sealed partial class SiloMetricsTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-metrics-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_silo_publishes_its_slots_trials_claims_and_speed_in_prometheus_text_format()
    {
        var store = server.NewDatabase();
        var (silo, health) = LocalCluster.StartWithHealthPort(store);
        using var _ = silo;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{health}"), Timeout = TimeSpan.FromSeconds(10) };
        var sweep = Path.Combine(folder, "metrics.yaml");
        File.WriteAllText(sweep, """
            name: metrics
            base: {dataset: gaussian, arch: toy, steps: 10000, log_every: 100}
            parameters:
              seed: {values: [1, 2]}
            """);

        using var run = SweepProcess.Start("run", sweep, "--store", store.Text);
        // While a trial trains: its slot is busy and has a speed.
        var during = await ScrapeUntil(http, m => Value(m, "sweep_slots_busy") == 1 && Values(m, "sweep_slot_steps_per_second").Any(v => v > 0), run);
        run.WaitForExit();
        Assert.Equal(ExitCodes.Ok, run.Process.ExitCode);
        var after = await ScrapeUntil(http, m => Sum(m, "sweep_trials_ended_total") >= 2, run);

        Assert.Equal(1, Value(during, "sweep_slots"));
        Assert.Equal(2, Sum(after, "sweep_trials_started_total"));
        Assert.Equal(2, Value(after, "sweep_trials_ended_total", "outcome=\"completed\""));
        Assert.Equal(0, Value(after, "sweep_slots_busy"));
        Assert.True(Value(after, "sweep_claim_duration_seconds_count") >= 2, "claim latency is a histogram with a sample per claim");
        // Orleans' and Npgsql's own meters come through the same endpoint.
        Assert.Contains(after, m => m.Name.StartsWith("microsoft_orleans_", StringComparison.Ordinal));
        Assert.Contains(after, m => m.Name.StartsWith("npgsql_", StringComparison.Ordinal));
    }

    /// <summary>A sample: its metric name, its labels as written, and its value.</summary>
    private sealed record Sample(string Name, string Labels, double Value);

    /// <summary>Scrapes until <paramref name="holds"/>, failing with the last scrape after a minute.</summary>
    private static async Task<IReadOnlyList<Sample>> ScrapeUntil(HttpClient http, Func<IReadOnlyList<Sample>, bool> holds, RunningSweep run)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var response = await http.GetAsync("/metrics");
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            var samples = Parse(text);
            if (holds(samples))
                return samples;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The metrics never held:\n{text}\n--- sweep run:\n{run.Output}{run.Error}");
            await Task.Delay(500);
        }
    }

    /// <summary>Prometheus' text format (0.0.4): "# HELP" and "# TYPE" lines, then "name{labels} value" per sample; every sample line must parse.</summary>
    private static List<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            samples.Add(new Sample(match.Groups["name"].Value, match.Groups["labels"].Value,
                double.Parse(match.Groups["value"].Value.Replace("+Inf", "Infinity", StringComparison.Ordinal), CultureInfo.InvariantCulture)));
        }
        return samples;
    }

    private static IEnumerable<double> Values(IReadOnlyList<Sample> samples, string name) => samples.Where(s => s.Name == name).Select(s => s.Value);

    private static double Sum(IReadOnlyList<Sample> samples, string name) => Values(samples, name).Sum();

    private static double Value(IReadOnlyList<Sample> samples, string name, string label = "") =>
        samples.Where(s => s.Name == name && s.Labels.Contains(label, StringComparison.Ordinal)).Select(s => s.Value).DefaultIfEmpty(double.NaN).Sum();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>[^ ]+)( -?\d+)?$")]
    private static partial Regex SampleLine();
}
