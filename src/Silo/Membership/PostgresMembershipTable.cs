using System.Globalization;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Silo.Stores;

namespace Silo.Membership;

/// <summary>
/// Orleans' cluster membership kept in the sweep store's PostgreSQL, so that a cluster needs one
/// stateful service. Written to the contract of <see cref="IMembershipTable"/>: a version row per
/// cluster whose etag every insert and update must present and moves on, in the same transaction
/// as the silo's row; a row etag per silo that updates must present too; heartbeats
/// (<see cref="UpdateIAmAlive"/>) that touch neither etag; reads of rows and version in one
/// statement, so they are consistent.
/// </summary>
public sealed class PostgresMembershipTable(StoreLocation location, string clusterId) : IMembershipTable, IDisposable
{
    private readonly NpgsqlDataSource source = NpgsqlDataSource.Create(location.Target);

    /// <inheritdoc />
    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        // Opening the store creates or upgrades its schema, membership tables included.
        SweepStoreFactory.Open(location).Dispose();
        if (tryInitTableVersion)
            await Execute("INSERT INTO membership_versions (cluster_id, version, etag) VALUES (@cluster, 0, 0) ON CONFLICT DO NOTHING");
    }

    /// <inheritdoc />
    public Task DeleteMembershipTableEntries(string clusterId) =>
        Execute("DELETE FROM membership_versions WHERE cluster_id = @cluster", ("@cluster", clusterId));

    /// <inheritdoc />
    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) =>
        Execute("DELETE FROM membership_silos WHERE cluster_id = @cluster AND status = @dead AND updated < @before",
            ("@dead", (int)SiloStatus.Dead), ("@before", beforeDate.UtcDateTime));

    /// <inheritdoc />
    public Task<MembershipTableData> ReadRow(SiloAddress key) => Read("AND s.silo = @silo", ("@silo", key.ToParsableString()));

    /// <inheritdoc />
    public Task<MembershipTableData> ReadAll() => Read("");

    /// <inheritdoc />
    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => ChangeRow(tableVersion, """
        INSERT INTO membership_silos (cluster_id, silo, entry, status, etag, i_am_alive, updated)
        VALUES (@cluster, @silo, @entry::json, @status, 0, @alive, @updated)
        ON CONFLICT DO NOTHING
        """, Row(entry));

    /// <inheritdoc />
    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => ChangeRow(tableVersion, """
        UPDATE membership_silos SET entry = @entry::json, status = @status, etag = etag + 1, i_am_alive = @alive, updated = @updated
        WHERE cluster_id = @cluster AND silo = @silo AND etag = @etag
        """, [.. Row(entry), ("@etag", long.TryParse(etag, out var expected) ? expected : -1)]);

    /// <inheritdoc />
    public Task UpdateIAmAlive(MembershipEntry entry) =>
        Execute("""
            UPDATE membership_silos SET i_am_alive = @alive, updated = greatest(updated, @alive)
            WHERE cluster_id = @cluster AND silo = @silo
            """, ("@alive", entry.IAmAliveTime.ToUniversalTime()), ("@silo", entry.SiloAddress.ToParsableString()));

    /// <summary>Closes the pool's connections.</summary>
    public void Dispose() => source.Dispose();

    private static (string, object?)[] Row(MembershipEntry entry) =>
    [
        ("@silo", entry.SiloAddress.ToParsableString()), ("@entry", MembershipEntryJson.Write(entry)), ("@status", (int)entry.Status),
        ("@alive", entry.IAmAliveTime.ToUniversalTime()), ("@updated", LastUpdate(entry)),
    ];

    /// <summary>
    /// When the entry last changed: its heartbeat, or a later vote that suspects it. Cleanup goes
    /// by this, so a silo declared dead long after its last heartbeat stays visible for a while.
    /// </summary>
    private static DateTime LastUpdate(MembershipEntry entry) =>
        (entry.SuspectTimes ?? []).Select(s => s.Item2.ToUniversalTime()).Append(entry.IAmAliveTime.ToUniversalTime()).Max();

    /// <summary>Moves the version on if its etag is the one presented and changes one silo row, both or neither.</summary>
    private async Task<bool> ChangeRow(TableVersion tableVersion, string rowSql, (string, object?)[] parameters)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var versionMoved = await Command(connection, transaction, """
            UPDATE membership_versions SET version = @version, etag = etag + 1
            WHERE cluster_id = @cluster AND etag = @version_etag
            """, ("@version", tableVersion.Version), ("@version_etag", long.TryParse(tableVersion.VersionEtag, out var etag) ? etag : -1)).ExecuteNonQueryAsync();
        if (versionMoved != 1 || await Command(connection, transaction, rowSql, parameters).ExecuteNonQueryAsync() != 1)
        {
            await transaction.RollbackAsync();
            return false;
        }
        await transaction.CommitAsync();
        return true;
    }

    private async Task<MembershipTableData> Read(string filter, params (string, object?)[] parameters)
    {
        await using var connection = await source.OpenConnectionAsync();
        // One statement: the rows and the version they belong to are read at one instant.
        await using var reader = await Command(connection, null, $"""
            SELECT v.version, v.etag, s.entry::text, s.etag, s.i_am_alive
            FROM membership_versions v LEFT JOIN membership_silos s ON s.cluster_id = v.cluster_id {filter}
            WHERE v.cluster_id = @cluster
            """, parameters).ExecuteReaderAsync();
        var version = new TableVersion(0, "0");
        var rows = new List<Tuple<MembershipEntry, string>>();
        while (await reader.ReadAsync())
        {
            version = new TableVersion(reader.GetInt32(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
            if (reader.IsDBNull(2))
                continue;
            var entry = MembershipEntryJson.Read(reader.GetString(2));
            // Heartbeats write only the column, leaving the JSON as the last update made it.
            entry.IAmAliveTime = reader.GetFieldValue<DateTime>(4);
            rows.Add(Tuple.Create(entry, reader.GetInt64(3).ToString(CultureInfo.InvariantCulture)));
        }
        return new MembershipTableData(rows, version);
    }

    private async Task Execute(string sql, params (string, object?)[] parameters)
    {
        await using var connection = await source.OpenConnectionAsync();
        await Command(connection, null, sql, parameters).ExecuteNonQueryAsync();
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string, object?)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        // Every statement is about one cluster: this silo's, unless the call names another.
        if (parameters.All(p => p.Item1 != "@cluster"))
            command.Parameters.AddWithValue("@cluster", clusterId);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
