
namespace Silo.Stores;

/// <summary>Opens the store a <see cref="StoreLocation"/> names: the one place that knows the concrete store classes.</summary>
public static class SweepStoreFactory
{
    /// <summary>Opens the store, creating and upgrading its schema as needed (for commands that start sweeps and for workers).</summary>
    /// <exception cref="StoreException">The store cannot be opened or written, or is not a sweep store.</exception>
    public static ISweepStore Open(StoreLocation location) =>
        location.Kind switch
        {
            StoreKind.Postgres => PostgresSweepStore.Open(location, Files(location)),
            StoreKind.LiteDb => LiteDbSweepStore.Open(location.Target, Files(location)),
            _ => SqliteSweepStore.Open(location.Target, Files(location)),
        };

    /// <summary>Opens for writing a store that must already exist (for commands that continue a sweep).</summary>
    /// <exception cref="StoreException">There is no such store, or it cannot be opened.</exception>
    public static ISweepStore OpenExisting(StoreLocation location) =>
        location.Kind switch
        {
            StoreKind.Postgres => PostgresSweepStore.Open(location, Files(location)),
            StoreKind.LiteDb => LiteDbSweepStore.OpenExisting(location.Target, Files(location)),
            _ => SqliteSweepStore.OpenExisting(location.Target, Files(location)),
        };

    /// <summary>Opens a store only to read it: nothing is created or upgraded.</summary>
    /// <exception cref="StoreException">There is no such store, it holds no sweeps, or its schema is not this version's.</exception>
    public static ISweepStore OpenReadOnly(StoreLocation location) =>
        location.Kind switch
        {
            StoreKind.Postgres => PostgresSweepStore.OpenReadOnly(location, Files(location)),
            StoreKind.LiteDb => LiteDbSweepStore.OpenReadOnly(location.Target, Files(location)),
            _ => SqliteSweepStore.OpenReadOnly(location.Target, Files(location)),
        };

    private static DirectoryArtifactFiles? Files(StoreLocation location) =>
        location.Artifacts is { } directory ? new DirectoryArtifactFiles(directory) : null;
}
