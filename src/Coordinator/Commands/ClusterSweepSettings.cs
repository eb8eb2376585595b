using Coordinator.Cli;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>Settings of a command that acts on one sweep of a running cluster (watch, cancel).</summary>
public abstract class ClusterSweepSettings : CommandSettings
{
    /// <summary>The sweep.</summary>
    public required string Sweep { get; init; }

    /// <summary>The cluster's store.</summary>
    public required StoreLocation Store { get; init; }

    /// <summary>The command's name, as its messages give it.</summary>
    protected abstract string Command { get; }

    /// <inheritdoc />
    public override IEnumerable<string> Validate() => ClusterStore.Validate(Store, Command);

    /// <summary>The stored sweep, from <paramref name="store"/>.</summary>
    /// <exception cref="StoreException">There is no such sweep (<see cref="StoreErrorCode.NotFound"/>).</exception>
    public StoredSweep Find(ISweepStore store) => SweepLookup.Require(store, Sweep, Store);
}
