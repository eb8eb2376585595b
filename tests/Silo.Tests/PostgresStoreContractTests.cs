using Silo.Stores;

/// <summary>The store contract on a real PostgreSQL server, a new database for each test.</summary>
public sealed class PostgresStoreContractTests(PostgresServer server) : SweepStoreContract, IClassFixture<PostgresServer>
{
    protected override StoreLocation Location { get; } = server.NewDatabase();
}
