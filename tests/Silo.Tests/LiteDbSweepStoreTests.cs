using LiteDB;
using Silo.Stores;

/// <summary>What only the LiteDB store does: its file, and files that are not sweep stores (the shared behaviour is in <see cref="SweepStoreContract"/>).</summary>
public sealed class LiteDbSweepStoreTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-litedb-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string DatabasePath => Path.Combine(folder, "sweeps.litedb");

    [Fact]
    public void A_file_that_is_no_LiteDB_database_is_refused_and_left_untouched()
    {
        var sqlite = Path.Combine(folder, "sweeps.db");
        SqliteSweepStore.Open(sqlite).Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = File.ReadAllBytes(sqlite);

        var error = Assert.Throws<StoreException>(() => SweepStoreFactory.Open(StoreLocation.Parse("litedb:" + sqlite)));

        Assert.Equal(StoreErrorCode.NotAStore, error.Code);
        Assert.Contains(sqlite, error.Message);
        Assert.Equal(before, File.ReadAllBytes(sqlite));
    }

    [Fact]
    public void Another_applications_LiteDB_file_is_refused()
    {
        using (var other = new LiteDatabase(DatabasePath))
            other.GetCollection("customers").Insert(new BsonDocument { ["name"] = "Ada" });

        var error = Assert.Throws<StoreException>(() => LiteDbSweepStore.Open(DatabasePath));

        Assert.Equal(StoreErrorCode.NotAStore, error.Code);
        Assert.Contains("customers", error.Message);
        using var reopened = new LiteDatabase(DatabasePath);
        Assert.Equal(["customers"], reopened.GetCollectionNames());
    }

    [Fact]
    public void Reading_commands_create_nothing_and_a_newer_file_is_refused()
    {
        Assert.Equal(StoreErrorCode.NotFound, Assert.Throws<StoreException>(() => LiteDbSweepStore.OpenReadOnly(DatabasePath)).Code);
        Assert.False(File.Exists(DatabasePath));

        LiteDbSweepStore.Open(DatabasePath).Dispose();
        using (var raw = new LiteDatabase(new ConnectionString { Filename = DatabasePath, Connection = ConnectionType.Shared }))
            raw.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "schema", ["version"] = 99 });

        Assert.Equal(StoreErrorCode.NewerSchema, Assert.Throws<StoreException>(() => LiteDbSweepStore.Open(DatabasePath)).Code);
    }

    [Fact]
    public void A_location_names_the_store_and_its_artifacts_beside_it()
    {
        var location = StoreLocation.Parse("litedb:" + DatabasePath);

        Assert.Equal((StoreKind.LiteDb, DatabasePath, false), (location.Kind, location.Target, location.Shared));
        Assert.Equal(DatabasePath + "-artifacts", location.Artifacts);
        Assert.Equal(StoreErrorCode.BadLocation, Assert.Throws<StoreException>(() => StoreLocation.Parse("litedb:")).Code);
    }
}
