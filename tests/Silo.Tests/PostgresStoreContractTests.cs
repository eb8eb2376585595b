using Silo.Stores;

/// <summary>The store contract on a real PostgreSQL server, a new database and artifact directory for each test.</summary>
public sealed class PostgresStoreContractTests : SweepStoreContract, IClassFixture<PostgresServer>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-artifacts-").FullName;

    public PostgresStoreContractTests(PostgresServer server) => Location = server.NewDatabase() with { Artifacts = folder };

    protected override StoreLocation Location { get; }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
