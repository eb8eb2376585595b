using Coordinator.Cli;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>How commands that name a sweep find it, and say so when it is not there.</summary>
internal static class SweepLookup
{
    /// <summary>The sweep named <paramref name="name"/> in <paramref name="store"/>, found at <paramref name="location"/>.</summary>
    /// <exception cref="StoreException">There is no such sweep (<see cref="StoreErrorCode.NotFound"/>): the message names the store and how to list its sweeps.</exception>
    public static StoredSweep Require(ISweepReader store, string name, StoreLocation location) =>
        store.FindSweep(name) ?? throw new StoreException(StoreErrorCode.NotFound, $"No sweep named '{TerminalText.Quote(name)}' in {location}. 'sweep ls' lists them.");
}
