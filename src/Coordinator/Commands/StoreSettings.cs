using Coordinator.Cli;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>Settings of a command that reads or writes a store (<c>--store</c>).</summary>
public abstract class StoreSettings : CommandSettings
{
    /// <summary>Where the sweeps are stored.</summary>
    public required StoreLocation Store { get; init; }
}

/// <summary>Settings of a command that acts on one stored sweep, named by its first argument.</summary>
public abstract class StoredSweepSettings : StoreSettings
{
    /// <summary>The sweep's name.</summary>
    public required string Sweep { get; init; }
}
