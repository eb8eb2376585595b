using System.Net;
using Orleans;
using Orleans.Runtime;
using Silo.Membership;
using Silo.Stores;

/// <summary>The membership table's contract (IMembershipTable), against a real PostgreSQL.</summary>
public sealed class PostgresMembershipTableTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Joining) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 7),
        Status = status,
        SuspectTimes = [],
        ProxyPort = port + 1,
        HostName = "node-a",
        SiloName = $"silo-{port}",
        RoleName = "sweep",
        StartTime = new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc),
        IAmAliveTime = new DateTime(2026, 11, 24, 10, 0, 1, DateTimeKind.Utc),
    };

    private PostgresMembershipTable NewTable(out StoreLocation location)
    {
        location = server.NewDatabase();
        var table = new PostgresMembershipTable(location, "test-cluster");
        table.InitializeMembershipTable(tryInitTableVersion: true).GetAwaiter().GetResult();
        return table;
    }

    [Fact]
    public async Task An_inserted_row_reads_back_whole_and_moves_the_version_on()
    {
        using var table = NewTable(out _);
        var empty = await table.ReadAll();
        var entry = Entry(11111);
        entry.AddSuspector(SiloAddress.New(IPAddress.Loopback, 22222, 3), new DateTime(2026, 11, 24, 10, 0, 2, DateTimeKind.Utc));

        Assert.Empty(empty.Members);
        Assert.True(await table.InsertRow(entry, empty.Version.Next()));
        var all = await table.ReadAll();
        var (read, _) = Assert.Single(all.Members);
        Assert.Equal(1, all.Version.Version);
        Assert.NotEqual(empty.Version.VersionEtag, all.Version.VersionEtag);
        Assert.Equal(entry.ToFullString(), read.ToFullString());
        Assert.Equal(entry.IAmAliveTime, read.IAmAliveTime);
    }

    [Fact]
    public async Task An_insert_fails_without_a_trace_for_a_stale_version_or_a_silo_already_there()
    {
        using var table = NewTable(out _);
        var start = (await table.ReadAll()).Version;
        Assert.True(await table.InsertRow(Entry(11111), start.Next()));

        Assert.False(await table.InsertRow(Entry(11121), start.Next()));
        var current = (await table.ReadAll()).Version;
        Assert.False(await table.InsertRow(Entry(11111), current.Next()));
        var after = await table.ReadAll();
        Assert.Single(after.Members);
        Assert.Equal(current, after.Version);
    }

    [Fact]
    public async Task An_update_needs_the_rows_etag_and_the_tables_and_changes_both()
    {
        using var table = NewTable(out _);
        var entry = Entry(11111);
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        var read = await table.ReadRow(entry.SiloAddress);
        var (_, etag) = Assert.Single(read.Members);
        entry.Status = SiloStatus.Active;

        Assert.False(await table.UpdateRow(entry, "999", read.Version.Next()));
        Assert.False(await table.UpdateRow(entry, etag, new TableVersion(read.Version.Version + 1, "999")));
        Assert.True(await table.UpdateRow(entry, etag, read.Version.Next()));
        Assert.False(await table.UpdateRow(entry, etag, (await table.ReadAll()).Version.Next()));
        var (updated, newEtag) = Assert.Single((await table.ReadAll()).Members);
        Assert.Equal(SiloStatus.Active, updated.Status);
        Assert.NotEqual(etag, newEtag);
    }

    [Fact]
    public async Task A_heartbeat_changes_only_the_time_and_leaves_earlier_reads_usable()
    {
        using var table = NewTable(out _);
        var entry = Entry(11111);
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        var before = await table.ReadAll();
        var (_, etag) = Assert.Single(before.Members);
        entry.IAmAliveTime = entry.IAmAliveTime.AddMinutes(1);

        await table.UpdateIAmAlive(entry);

        var after = await table.ReadAll();
        var (alive, etagAfter) = Assert.Single(after.Members);
        Assert.Equal(entry.IAmAliveTime, alive.IAmAliveTime);
        Assert.Equal((before.Version, etag), (after.Version, etagAfter));
        entry.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRow(entry, etag, before.Version.Next()));
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_silos_older_than_the_date_and_clusters_are_apart()
    {
        using var table = NewTable(out var location);
        using var other = new PostgresMembershipTable(location, "other-cluster");
        await other.InitializeMembershipTable(true);
        var version = (await table.ReadAll()).Version;
        foreach (var entry in new[] { Entry(11111, SiloStatus.Dead), Entry(11121, SiloStatus.Active) })
        {
            Assert.True(await table.InsertRow(entry, version.Next()));
            version = (await table.ReadAll()).Version;
        }
        Assert.True(await other.InsertRow(Entry(11131, SiloStatus.Dead), (await other.ReadAll()).Version.Next()));

        await table.CleanupDefunctSiloEntries(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, (await table.ReadAll()).Members.Count);
        await table.CleanupDefunctSiloEntries(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(SiloStatus.Active, Assert.Single((await table.ReadAll()).Members).Item1.Status);
        Assert.Single((await other.ReadAll()).Members);
        await table.DeleteMembershipTableEntries("test-cluster");
        Assert.Empty((await table.ReadAll()).Members);
        Assert.Single((await other.ReadAll()).Members);
    }

    [Fact]
    public async Task Clients_find_the_gateways_of_active_silos_only()
    {
        using var table = NewTable(out var location);
        using var gateways = new PostgresGatewayList(location, "test-cluster");
        Assert.True(await table.InsertRow(Entry(11111, SiloStatus.Active), (await table.ReadAll()).Version.Next()));
        Assert.True(await table.InsertRow(Entry(11121, SiloStatus.Dead), (await table.ReadAll()).Version.Next()));

        var uri = Assert.Single(await gateways.GetGateways());

        Assert.Equal(SiloAddress.New(IPAddress.Loopback, 11112, 7).ToGatewayUri(), uri);
    }
}
