using Npgsql;
using Orleans.Messaging;
using Orleans.Runtime;
using Silo.Stores;

namespace Silo.Membership;

/// <summary>
/// Where a cluster client finds the silos' gateways: the active silos of the membership table in
/// the sweep store, each at its gateway (proxy) port.
/// </summary>
public sealed class PostgresGatewayList(StoreLocation location, string clusterId) : IGatewayListProvider, IDisposable
{
    private readonly NpgsqlDataSource source = NpgsqlDataSource.Create(location.Target);

    /// <inheritdoc />
    public TimeSpan MaxStaleness => TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public bool IsUpdatable => true;

    /// <inheritdoc />
    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<IList<Uri>> GetGateways()
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT entry::text FROM membership_silos WHERE cluster_id = @cluster AND status = @active", connection);
        command.Parameters.AddWithValue("@cluster", clusterId);
        command.Parameters.AddWithValue("@active", (int)SiloStatus.Active);
        await using var reader = await command.ExecuteReaderAsync();
        var gateways = new List<Uri>();
        while (await reader.ReadAsync())
        {
            var entry = MembershipEntryJson.Read(reader.GetString(0));
            if (entry.ProxyPort > 0)
                gateways.Add(SiloAddress.New(entry.SiloAddress.Endpoint.Address, entry.ProxyPort, entry.SiloAddress.Generation).ToGatewayUri());
        }
        return gateways;
    }

    /// <summary>Closes the pool's connections.</summary>
    public void Dispose() => source.Dispose();
}
