using Silo.Stores;

/// <summary>The store contract on the embedded LiteDB store (<c>litedb:PATH</c>).</summary>
public sealed class LiteDbStoreContractTests : SweepStoreContract, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-litedb-").FullName;

    protected override StoreLocation Location => StoreLocation.Parse("litedb:" + Path.Combine(folder, "sweeps.litedb"));

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
