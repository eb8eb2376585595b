using Coordinator.Cli;
using Coordinator.Sweeps;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>Settings of a command that reads or writes a store (<c>--store</c>).</summary>
/// <param name="Store">Where the sweeps are stored.</param>
public abstract record StoreSettings(StoreLocation Store) : CommandSettings;

/// <summary>Settings of a command that acts on one stored sweep, named by its first argument.</summary>
/// <param name="Sweep">The sweep's name.</param>
/// <param name="Store">Where the sweeps are stored.</param>
public abstract record StoredSweepSettings(string Sweep, StoreLocation Store) : StoreSettings(Store);

/// <summary>Settings of a command that stores a new sweep and trains it on local workers (run, replay).</summary>
/// <param name="Store">Where the sweeps are stored.</param>
/// <param name="Name">The new sweep's name instead of the one it would get.</param>
/// <param name="Local">The workers to train on.</param>
public abstract record NewSweepSettings(StoreLocation Store, string? Name, LocalWorkers Local) : StoreSettings(Store)
{
    /// <inheritdoc />
    public override IEnumerable<string> Validate() =>
        Local.Problems().Concat(SweepFileParser.NameOptionProblem(Name) is { } problem ? [problem] : []);
}
