using Silo.Stores;

/// <summary>The store contract on the embedded SQLite store.</summary>
public sealed class SqliteStoreContractTests : SweepStoreContract, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-store-").FullName;

    protected override StoreLocation Location => StoreLocation.Parse(Path.Combine(folder, "sweeps.db"));

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
