using Coordinator.Cli;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>What the commands that talk to a running cluster (cluster, watch, cancel) check of their store.</summary>
internal static class ClusterStore
{
    /// <summary>A problem when <paramref name="store"/> is not a cluster's: only a shared store (PostgreSQL) has silos to talk to.</summary>
    public static IEnumerable<string> Validate(StoreLocation store, string command)
    {
        if (!store.Shared)
            yield return $"store = '{TerminalText.Clean(store.Display)}': 'sweep {command}' talks to a cluster, whose store is a postgres:// URL. " +
                         "A sweep in a SQLite or LiteDB file runs inside its own 'sweep run', which shows its progress and stops on Ctrl-C.";
    }
}
