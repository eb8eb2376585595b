using System.CommandLine;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>
/// <c>--store</c> (or <c>--db</c>, as it was first called), and <c>--artifacts</c> for the commands
/// that read or write artifacts' files, bound to the <see cref="StoreLocation"/> they name.
/// </summary>
/// <param name="withArtifacts">Whether the command takes <c>--artifacts</c>.</param>
internal sealed class StoreOptions(bool withArtifacts = false)
{
    private readonly Option<string?> store = new("--store", "--db")
    {
        Description = "Where sweeps are stored: a SQLite file, litedb:PATH, or a postgres://USER:PASSWORD@HOST:PORT/DATABASE URL (default: $SWEEP_STORE, else $SWEEP_DB, else ./sweeps.db).",
    };

    private readonly Option<string?>? artifacts = withArtifacts
        ? new("--artifacts")
        {
            Description = "Where checkpoints and generator weights are kept, the store holding their checksums: on a cluster a directory every silo shares (default: $SWEEP_ARTIFACTS, else beside a SQLite file, else in the PostgreSQL database).",
        }
        : null;

    /// <summary>The options, in the order <c>--help</c> lists them.</summary>
    public IEnumerable<Symbol> Symbols => artifacts is null ? [store] : [store, artifacts];

    /// <summary>The location a parse names, or the default one.</summary>
    public StoreLocation Bind(ParseResult parse) => StoreLocation.Resolve(parse.GetValue(store), artifacts is null ? null : parse.GetValue(artifacts));
}
