using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Silo.Hosting;

/// <summary>
/// Answers a probe (Kubernetes') over HTTP on a port of its own. <see cref="ReadyPath"/> is 200
/// while this silo is an active member of the cluster: it has joined, and its host has not begun
/// to stop (SIGTERM).
/// <see cref="LivePath"/> is 200 until the cluster has declared this silo dead, which only a
/// restart mends. Each answers with the silo's membership status. <see cref="MetricsPath"/> serves
/// Prometheus' text format: <see cref="Telemetry.SweepMetrics"/>, Orleans' meters, and the process's own
/// (prometheus-net bridges .NET meters, and writes to this listener's response as it is; the
/// OpenTelemetry exporter would need an ASP.NET Core pipeline in the silo). Anything else is 404.
/// </summary>
internal sealed class SiloHealthEndpoint(IClusterMembershipService membership, ILocalSiloDetails silo, IHostApplicationLifetime lifetime, int port)
    : IHostedService, IDisposable
{
    private readonly HttpListener listener = new();
    private Task serving = Task.CompletedTask;

    /// <summary>The readiness path.</summary>
    public const string ReadyPath = "/healthz/ready";

    /// <summary>The liveness path.</summary>
    public const string LivePath = "/healthz/live";

    /// <summary>The Prometheus metrics path.</summary>
    public const string MetricsPath = "/metrics";

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        listener.Prefixes.Add($"http://*:{port}/");
        listener.Start();
        // The endpoint outlives the silo's stop: while its trainers hand their trials back, a
        // probe must still find it alive (and not ready), so it closes only once the host has
        // stopped everything else.
        lifetime.ApplicationStopped.Register(listener.Stop);
        serving = Task.Run(Serve, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            try
            {
                await Answer(await listener.GetContextAsync());
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException && !listener.IsListening)
            {
                return;
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // A probe that hung up before its answer: the next one is served as usual.
            }
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        if (context.Request.Url?.AbsolutePath == MetricsPath)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(context.Response.OutputStream);
            context.Response.Close();
            return;
        }
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        var healthy = context.Request.Url?.AbsolutePath switch
        {
            ReadyPath => status == SiloStatus.Active && !lifetime.ApplicationStopping.IsCancellationRequested,
            LivePath => status != SiloStatus.Dead,
            _ => (bool?)null,
        };
        var body = Encoding.UTF8.GetBytes(healthy is null ? $"Paths: {ReadyPath}, {LivePath}, {MetricsPath}\n" : $"{status}\n");
        context.Response.StatusCode = healthy switch { true => 200, false => 503, null => 404 };
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.OutputStream.Write(body);
        context.Response.Close();
    }
}

/// <summary>Adds <see cref="SiloHealthEndpoint"/> to a silo.</summary>
public static class SiloHealthExtensions
{
    /// <summary>Answers health probes on <paramref name="port"/>: 200 at /healthz/ready from this silo's joining the cluster until its host stops, at /healthz/live until it is declared dead.</summary>
    public static ISiloBuilder AddHealthEndpoint(this ISiloBuilder silo, int port)
    {
        silo.Services.AddHostedService(services => new SiloHealthEndpoint(services.GetRequiredService<IClusterMembershipService>(),
            services.GetRequiredService<ILocalSiloDetails>(), services.GetRequiredService<IHostApplicationLifetime>(), port));
        return silo;
    }
}
