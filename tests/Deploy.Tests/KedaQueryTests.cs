using Gan.Core.Training;
using Npgsql;
using Silo.Stores;
using Silo.Trials;

/// <summary>
/// The KEDA component's query, as its ScaledObject renders it, run on a real store as sweeps
/// come and go: it must count the silo slots that have work, and nothing once none has.
/// </summary>
public sealed class KedaQueryTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static readonly string Query = Assert.Single(Manifests.Single<ScaledObject>(Manifests.Load("overlays/gpu+components/keda"), "sweep-silo").Spec.Triggers).Metadata["query"];

    [Fact]
    public void The_query_counts_queued_and_running_trials_of_active_sweeps_and_each_active_sweep_without_any()
    {
        var location = server.NewDatabase();
        using var store = SweepStoreFactory.Open(location);
        long Silos() => Count(location);

        Assert.Equal(0, Silos());

        store.CreateSweep(new NewSweep("grid", "name: grid", "fid", true), [.. Enumerable.Range(0, 3).Select(Config)]);
        Assert.Equal(0, Silos()); // stored, not started

        store.SetActive("grid", true);
        Assert.Equal(3, Silos());

        var first = store.Claim("grid", "silo-a/slot0", Lease)!.Claim!;
        Assert.Equal(3, Silos()); // 2 queued, 1 running

        store.Finish(first, TrialStates.Completed, HealthFlags.None, null);
        var second = store.Claim("grid", "silo-a/slot0", Lease)!.Claim!;
        store.Finish(second, TrialStates.Failed, HealthFlags.None, "boom");
        Assert.Equal(1, Silos());

        // A search that proposes trials only for a free slot: active, with none queued yet.
        store.CreateSweep(new NewSweep("bayes", "name: bayes", "fid", true), []);
        store.SetActive("bayes", true);
        Assert.Equal(2, Silos());

        var third = store.Claim("grid", "silo-a/slot0", Lease)!.Claim!;
        store.Finish(third, TrialStates.Completed, HealthFlags.None, null);
        store.SetActive("grid", false);
        store.SetActive("bayes", false);
        Assert.Equal(0, Silos()); // every sweep ended: the silos may all go
    }

    private static TrialConfig Config(int seed) => new(new Dictionary<string, object> { ["seed"] = (long)seed });

    private long Count(StoreLocation location)
    {
        using var connection = new NpgsqlConnection(server.ConnectionString(new NpgsqlConnectionStringBuilder(location.Target).Database!));
        connection.Open();
        using var command = new NpgsqlCommand(Query, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
