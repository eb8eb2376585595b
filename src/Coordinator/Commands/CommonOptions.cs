using System.CommandLine;

namespace Coordinator.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    /// <summary>--store LOCATION, or --db as it was first called.</summary>
    public static Option<string?> Store() => new("--store", "--db")
    {
        Description = "Where sweeps are stored: a SQLite file, litedb:PATH, or a postgres://USER:PASSWORD@HOST:PORT/DATABASE URL (default: $SWEEP_STORE, else $SWEEP_DB, else ./sweeps.db).",
    };

    /// <summary>--artifacts DIR.</summary>
    public static Option<string?> Artifacts() => new("--artifacts")
    {
        Description = "Where checkpoints and generator weights are kept, the store holding their checksums: on a cluster a directory every silo shares (default: $SWEEP_ARTIFACTS, else beside a SQLite file, else in the PostgreSQL database).",
    };
}
