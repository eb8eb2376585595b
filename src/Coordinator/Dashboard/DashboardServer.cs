using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Coordinator.Cli;
using Coordinator.Report;
using Coordinator.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Silo.Hosting;
using Silo.Search;
using Silo.Stores;

namespace Coordinator.Dashboard;

/// <summary>
/// `sweep dashboard`: the report's page served live from a store. The page asks for
/// <c>api/sweeps</c> (the sweeps, for its index) and opens <c>api/sweeps/NAME/events</c>, a stream
/// of server-sent events: first the whole <see cref="ReportModel"/>, then, about every second,
/// the trials whose state, step or latest record changed (those the report shows whole) and the
/// sweep's population (counts and effect-chart points) anew. It only reads the store, so it runs
/// beside `sweep run` on a SQLite file or beside a cluster's silos on PostgreSQL.
/// </summary>
public static class DashboardServer
{
    /// <summary>How often the event stream looks for changed trials, at most.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A stream waits this many times as long as its last look took before the next: a sweep of
    /// 100,000 trials takes a second to look over, and a client must not hold a core for it.
    /// </summary>
    private const int IdlePerBusy = 4;

    /// <summary>Trials from which a sweep's first model is large enough to hand its memory back at once.</summary>
    private const int LargeSweep = 10_000;

    /// <summary>A dashboard of <paramref name="store"/> listening on <paramref name="address"/>:<paramref name="port"/> (0: any free port).</summary>
    public static WebApplication Build(StoreLocation store, IPAddress address, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.SetSweepLevel(LogLevel.Warning, quiet: "Microsoft.AspNetCore");
        builder.Logging.AddSweepConsole();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(address, port));
        var app = builder.Build();

        var config = JsonSerializer.Serialize(new { store = store.Display }, ReportPage.Json);
        var page = ReportPage.Page(WebUtility.HtmlEncode($"sweep dashboard: {store.Display}"), $"<script type=\"application/json\" id=\"dashboard-config\">{config}</script>");
        app.MapGet("/", () => Microsoft.AspNetCore.Http.Results.Content(page, "text/html; charset=utf-8"));
        app.MapGet("/api/sweeps", () =>
        {
            using var reader = OpenOrEmpty(store);
            return Microsoft.AspNetCore.Http.Results.Json((reader?.ListSweeps() ?? []).Select(s => new
            {
                name = s.Sweep.Name,
                trials = s.Counts.Values.Sum(),
                done = s.Counts.Where(c => c.Key is not (TrialStates.Queued or TrialStates.Running)).Sum(c => c.Value),
                counts = TrialStates.All.ToDictionary(state => state, state => s.Counts.GetValueOrDefault(state)),
                metric = s.Sweep.Metric,
                minimize = s.Sweep.Minimize,
                best = Best(reader!, s.Sweep),
                created = s.Sweep.Created,
            }).ToList(), ReportPage.Json);
        });
        app.MapGet("/api/sweeps/{name}/events", (string name, HttpContext http) => Stream(store, name, http));
        return app;
    }

    /// <summary>The store, to read; null while it is a cluster's database that nothing has been stored in yet.</summary>
    private static ISweepStore? OpenOrEmpty(StoreLocation store)
    {
        try
        {
            return SweepStoreFactory.OpenReadOnly(store);
        }
        catch (StoreException e) when (e.Code == StoreErrorCode.Empty)
        {
            return null;
        }
    }

    /// <summary>The sweep's best score by its own metric so far, or null: what `sweep show` ranks first, from two bulk queries.</summary>
    private static double? Best(ISweepReader reader, StoredSweep sweep)
    {
        var evaluations = reader.Evaluations(sweep.Name);
        var finals = reader.LatestMetrics(sweep.Name);
        var scores = evaluations.Keys.Union(finals.Keys)
            .Select(id => ScoreCatalog.ValueOf(sweep.Metric, evaluations.GetValueOrDefault(id), finals.GetValueOrDefault(id)))
            .OfType<double>().Where(double.IsFinite).ToList();
        return scores.Count == 0 ? null : sweep.Minimize ? scores.Min() : scores.Max();
    }

    /// <summary>The event stream of sweep <paramref name="name"/>, until the page goes away.</summary>
    private static async Task Stream(StoreLocation store, string name, HttpContext http)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var cancellation = http.RequestAborted;
        var sent = new Dictionary<long, string>();
        ReportLimits? limits = null;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                using (var reader = OpenOrEmpty(store))
                {
                    if (reader?.FindSweep(name) is null)
                    {
                        await Send(http, "problem", $"No sweep named '{TerminalText.Quote(name)}' in {store.Display}.", cancellation);
                        return;
                    }
                    if (limits is null)
                    {
                        // Signatures first: a trial that changes while the model is read is then
                        // sent again at the next poll, rather than never.
                        foreach (var row in ResultsTable.Build(reader, name).Rows)
                            sent[row.Trial.Id] = Signature(row);
                        var model = ReportBuilder.Build(reader, name);
                        limits = model.Limits;
                        await Send(http, "model", model, cancellation);
                        // A large sweep's model was hundreds of megabytes while it was built; give them back
                        // now, rather than hold them for as long as the page stays open.
                        if (model.Population.Trials >= LargeSweep)
                            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    }
                    else
                    {
                        if (Changed(reader, name, limits, sent) is var (changed, population, lineage))
                        {
                            await Send(http, "trials", changed, cancellation);
                            await Send(http, "population", population, cancellation);
                            if (lineage is not null)
                                await Send(http, "lineage", lineage, cancellation);
                        }
                    }
                }
                var busy = Stopwatch.GetElapsedTime(started);
                await Task.Delay(busy * IdlePerBusy > PollInterval ? busy * IdlePerBusy : PollInterval, cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The page closed the stream.
        }
    }

    /// <summary>
    /// Null when no trial's signature differs from the one last sent; else the changed trials among
    /// those a report shows whole (the best of a large sweep), rebuilt, and the sweep's population
    /// (and a pbt sweep's lineage) anew. <paramref name="sent"/> is brought up to date.
    /// </summary>
    private static (List<ReportTrial> Trials, ReportPopulation Population, ReportLineage? Lineage)? Changed(ISweepReader reader, string name, ReportLimits limits, Dictionary<long, string> sent)
    {
        var table = ResultsTable.Build(reader, name);
        var sweep = reader.FindSweep(name)!;
        var metric = sweep.Metric;
        var changed = new List<ReportTrial>();
        var any = false;
        for (var rank = 0; rank < table.Rows.Count; rank++)
        {
            var row = table.Rows[rank];
            if (sent.TryGetValue(row.Trial.Id, out var last) && last == Signature(row))
                continue;
            sent[row.Trial.Id] = Signature(row);
            any = true;
            if (rank < ReportBuilder.DetailedTrials)
                changed.Add(ReportBuilder.Trial(reader, table, row, metric, limits));
        }
        return any ? (changed, ReportBuilder.Population(table, metric), ReportBuilder.Lineage(table, sweep)) : null;
    }

    /// <summary>
    /// What tells a trial has changed, from the table's own queries: its state, heartbeat step,
    /// flags and latest record. A new sample grid comes with the record that ends its epoch.
    /// </summary>
    private static string Signature(ResultRow row) => $"{row.Trial.Status}|{row.Trial.Step}|{row.Trial.Flags}|{row.Final?.Step}";

    private static async Task Send(HttpContext http, string name, object data, CancellationToken cancellation)
    {
        // Serialised straight into the response (compact JSON is one line, as an event's data
        // must be): a large sweep's model is tens of megabytes, which a string would hold twice.
        await http.Response.WriteAsync($"event: {name}\ndata: ", cancellation);
        await JsonSerializer.SerializeAsync(http.Response.Body, data, data.GetType(), ReportPage.Json, cancellation);
        await http.Response.WriteAsync("\n\n", cancellation);
        await http.Response.Body.FlushAsync(cancellation);
    }
}
