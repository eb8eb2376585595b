using Coordinator.Cli;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>Settings of a command that reads or writes a store (<c>--store</c>).</summary>
/// <param name="Store">Where the sweeps are stored.</param>
public abstract record StoreSettings(StoreLocation Store) : CommandSettings;

/// <summary>Settings of a command that acts on one stored sweep, named by its first argument.</summary>
/// <param name="Sweep">The sweep's name.</param>
/// <param name="Store">Where the sweeps are stored.</param>
public abstract record StoredSweepSettings(string Sweep, StoreLocation Store) : StoreSettings(Store);
