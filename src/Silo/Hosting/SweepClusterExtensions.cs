using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Messaging;
using Silo.Grains;
using Silo.Membership;
using Silo.Slots;
using Silo.Stores;

namespace Silo.Hosting;

/// <summary>
/// How silos and clients join a sweep cluster. A SQLite store is one machine's: its silo runs
/// inside `sweep run` with localhost clustering. A PostgreSQL store is a cluster's: silos keep
/// their membership in it (<see cref="PostgresMembershipTable"/>) and clients find the gateways there.
/// </summary>
public static class SweepClusterExtensions
{
    /// <summary>The cluster and service id every sweep silo and client uses.</summary>
    public const string ClusterId = "sweep";

    /// <summary>How long a silo may miss probes before the others vote it dead: <see cref="ProbeTimeout"/> × <see cref="MissedProbesLimit"/>.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes in a row that make a silo suspect.</summary>
    public const int MissedProbesLimit = 2;

    /// <summary>How long a grain call waits for its answer.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Joins the cluster the store names, listening on <paramref name="endpoints"/>.</summary>
    public static ISiloBuilder UseSweepClustering(this ISiloBuilder silo, StoreLocation store, SiloEndpoints endpoints)
    {
        if (store.Shared)
        {
            silo.Services.AddSingleton<IMembershipTable>(_ => new PostgresMembershipTable(store, ClusterId));
            silo.ConfigureEndpoints(endpoints.Address, endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, serviceId: ClusterId, clusterId: ClusterId);
        }
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = ProbeTimeout;
            o.NumMissedProbesLimit = MissedProbesLimit;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        });
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        return silo;
    }

    /// <summary>Adds the sweep grains' store and this silo's slots, which train trials in trainer processes.</summary>
    public static ISiloBuilder AddSweepSlots(this ISiloBuilder silo, StoreLocation store, Action<SlotOptions> configure, TextWriter log)
    {
        silo.Services.AddSingleton(new GrainStore(store));
        silo.Services.AddSingleton(new SlotLog(log));
        silo.Services.AddOptions<SlotOptions>().Configure(configure).ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<SlotOptions>, SlotOptionsValidator>();
        silo.Services.AddSingleton<SlotRunner>();
        silo.Services.AddHostedService(services => services.GetRequiredService<SlotRunner>());
        // The host waits for the trainers' hand-back before the silo leaves the cluster.
        silo.Services.Configure<HostOptions>(o => o.ShutdownTimeout = SlotRunner.HandBackBound + TimeSpan.FromSeconds(20));
        return silo;
    }

    /// <summary>
    /// Connects a client to the cluster whose membership the PostgreSQL store keeps, through the
    /// gateways listed there, or through <paramref name="gateway"/> alone when it is given.
    /// </summary>
    public static IClientBuilder UseSweepClustering(this IClientBuilder client, StoreLocation store, System.Net.IPEndPoint? gateway = null)
    {
        if (gateway is not null)
            client.UseStaticClustering(gateway);
        else
            client.Services.AddSingleton<IGatewayListProvider>(_ => new PostgresGatewayList(store, ClusterId));
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        return client;
    }
}
