using System.Net;
using System.Net.Sockets;
using Coordinator.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Silo.Grains;
using Silo.Hosting;
using Silo.Slots;
using Silo.Stores;

namespace Coordinator.Cluster;

/// <summary>
/// The cluster a command talks to. For a SQLite store, a one-silo cluster inside this process,
/// whose slots train the trials; for a PostgreSQL store, a client of the silos running elsewhere.
/// Either way commands reach sweeps through the same grains.
/// </summary>
public sealed class ClusterSession : IAsyncDisposable
{
    private static readonly TimeSpan ConnectFor = TimeSpan.FromSeconds(15);
    private readonly IHost host;

    private ClusterSession(IHost host, SlotRunner? slots)
    {
        this.host = host;
        Slots = slots;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Calls grains.</summary>
    public IClusterClient Client { get; }

    /// <summary>The in-process silo's slots; null on a client of a cluster.</summary>
    public SlotRunner? Slots { get; }

    /// <summary>Starts a one-silo cluster in this process, with a slot per worker of <paramref name="plan"/>.</summary>
    public static async Task<ClusterSession> StartEmbedded(StoreLocation store, WorkerPlan plan, TextWriter log, CancellationToken cancellation)
    {
        var builder = NewBuilder();
        builder.UseOrleans(silo => silo
            .UseSweepClustering(store, new SiloEndpoints(FreePort(), 0, IPAddress.Loopback))
            .AddSweepSlots(store, slots =>
            {
                slots.Devices = SlotOptions.DevicesFor(plan);
                slots.ThreadsPerSlot = plan.ThreadsPerWorker;
            }, log));
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return new ClusterSession(host, host.Services.GetRequiredService<SlotRunner>());
    }

    /// <summary>Connects to the silos of the cluster whose membership <paramref name="store"/> keeps.</summary>
    /// <exception cref="UserInputException">No silo answered.</exception>
    public static async Task<ClusterSession> Connect(StoreLocation store, CancellationToken cancellation)
    {
        var gateway = ClusterGateway.FromEnvironment();
        var builder = NewBuilder();
        var giveUp = DateTime.UtcNow + ConnectFor;
        builder.UseOrleansClient(client => client
            .UseSweepClustering(store, gateway)
            .UseConnectionRetryFilter(async (_, token) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), token);
                return DateTime.UtcNow < giveUp;
            }));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellation);
        }
        catch (Exception e) when (e is SiloUnavailableException or OrleansException or TimeoutException)
        {
            host.Dispose();
            throw new UserInputException(gateway is null
                ? $"No silo of the cluster in {store} answered within {ConnectFor.TotalSeconds:F0} s. Start one on each node with 'sweep silo --store {store}'."
                : $"No silo answered at {ClusterGateway.Variable} = {gateway} within {ConnectFor.TotalSeconds:F0} s. Check that a silo's gateway port is forwarded there.");
        }
        return new ClusterSession(host, null);
    }

    /// <summary>How long a command keeps asking a cluster that does not answer before it gives up.</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromMinutes(1);

    /// <summary>The live silos and what their slots run.</summary>
    public Task<IReadOnlyList<SiloReport>> Silos(CancellationToken cancellation) =>
        Ask(client => client.GetGrain<ISchedulerGrain>(0).Silos(), "which silos are live", cancellation);

    /// <summary>Makes <paramref name="sweep"/> active: the scheduler hands its queued trials to free slots.</summary>
    public Task<SweepState> Start(string sweep, CancellationToken cancellation) =>
        Ask(client => client.GetGrain<ISweepGrain>(sweep).Start(), $"start sweep {sweep}", cancellation);

    /// <summary>Stops <paramref name="sweep"/>: its running trials checkpoint and stop.</summary>
    public Task<SweepState> Cancel(string sweep, CancellationToken cancellation) =>
        Ask(client => client.GetGrain<ISweepGrain>(sweep).Cancel(), $"cancel sweep {sweep}", cancellation);

    /// <summary>How <paramref name="sweep"/>'s trials stand now.</summary>
    public Task<SweepState> State(string sweep, CancellationToken cancellation) =>
        Ask(client => client.GetGrain<ISweepGrain>(sweep).State(), $"the state of sweep {sweep}", cancellation);

    /// <summary>
    /// Asks the cluster something that may safely be asked twice. A grain call gives up after
    /// <see cref="SweepClusterExtensions.ResponseTimeout"/>, and a busy cluster (silos starting
    /// their trainers, a store slow to answer) or a silo that died with the grain outlasts that:
    /// the request goes again until <see cref="AnswerWithin"/> has passed, then fails saying so.
    /// </summary>
    private async Task<T> Ask<T>(Func<IClusterClient, Task<T>> request, string what, CancellationToken cancellation)
    {
        var giveUp = DateTime.UtcNow + AnswerWithin;
        while (true)
        {
            try
            {
                return await request(Client);
            }
            catch (Exception e) when (e is TimeoutException or SiloUnavailableException)
            {
                if (DateTime.UtcNow >= giveUp)
                    throw new TimeoutException($"The cluster did not answer ({what}) within {AnswerWithin.TotalSeconds:F0} s: its silos may be overloaded, or unable to reach the store. 'sweep cluster' shows what they run; try again.", e);
            }
            // A silo that just died answers at once, and wrongly: wait for membership to move its grains.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
        }
    }

    private static HostApplicationBuilder NewBuilder()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetSweepLevel(LogLevel.None);
        builder.Logging.AddSweepConsole();
        return builder;
    }

    /// <summary>A loopback port no one listens on now.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the silo (its trainers hand back their trials) or closes the client.</summary>
    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
