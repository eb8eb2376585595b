using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Silo.Hosting;

/// <summary>
/// Answers a probe (Kubernetes') over HTTP on a port of its own. <see cref="ReadyPath"/> is 200
/// while this silo is an active member of the cluster: it has joined and is not leaving.
/// <see cref="LivePath"/> is 200 until the cluster has declared this silo dead, which only a
/// restart mends. Each answers with the silo's membership status; anything else is 404.
/// </summary>
internal sealed class SiloHealthEndpoint(IClusterMembershipService membership, ILocalSiloDetails silo, int port) : BackgroundService
{
    /// <summary>The readiness path.</summary>
    public const string ReadyPath = "/healthz/ready";

    /// <summary>The liveness path.</summary>
    public const string LivePath = "/healthz/live";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://*:{port}/");
        listener.Start();
        // Stop() ends the pending GetContextAsync, which is how the loop learns of the stop.
        await using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException && stoppingToken.IsCancellationRequested)
            {
                return;
            }
            Answer(context);
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        var healthy = context.Request.Url?.AbsolutePath switch
        {
            ReadyPath => status == SiloStatus.Active,
            LivePath => status != SiloStatus.Dead,
            _ => (bool?)null,
        };
        var body = Encoding.UTF8.GetBytes(healthy is null ? $"Paths: {ReadyPath}, {LivePath}\n" : $"{status}\n");
        context.Response.StatusCode = healthy switch { true => 200, false => 503, null => 404 };
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.OutputStream.Write(body);
        context.Response.Close();
    }
}

/// <summary>Adds <see cref="SiloHealthEndpoint"/> to a silo.</summary>
public static class SiloHealthExtensions
{
    /// <summary>Answers health probes on <paramref name="port"/>: 200 at /healthz/ready once this silo has joined the cluster, at /healthz/live until it is declared dead.</summary>
    public static ISiloBuilder AddHealthEndpoint(this ISiloBuilder silo, int port)
    {
        silo.Services.AddHostedService(services => new SiloHealthEndpoint(
            services.GetRequiredService<IClusterMembershipService>(), services.GetRequiredService<ILocalSiloDetails>(), port));
        return silo;
    }
}
