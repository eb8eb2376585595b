using System.CommandLine;
using Coordinator.Cli;
using Coordinator.Cluster;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>Settings of a command that acts on one sweep of a running cluster (watch, cancel).</summary>
/// <param name="Command">The command's name, as its messages give it.</param>
/// <param name="Sweep">The sweep's name.</param>
/// <param name="Store">Where the sweeps are stored.</param>
public sealed record ClusterSweepSettings(string Command, string Sweep, StoreLocation Store) : StoredSweepSettings(Sweep, Store)
{
    /// <inheritdoc />
    public override IEnumerable<string> Validate() => ClusterStore.Validate(Store, Command);
}

/// <summary>
/// A command on one sweep of a running cluster: <c>sweep NAME SWEEP [--store URL]</c>. It checks
/// that the sweep exists, connects as a client, and hands both to <see cref="Act"/>.
/// </summary>
/// <param name="name">The subcommand's name.</param>
/// <param name="description">One line for <c>--help</c>.</param>
public abstract class ClusterSweepCommand(string name, string description) : SweepCommand<ClusterSweepSettings>(name, description)
{
    private readonly Argument<string> sweep = new("sweep") { Description = "The sweep's name." };
    private readonly StoreOptions store = new();

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [sweep, .. store.Symbols];

    /// <inheritdoc />
    public override ClusterSweepSettings Bind(ParseResult parse) => new(Command: Name, Sweep: parse.GetValue(sweep)!, Store: store.Bind(parse));

    /// <inheritdoc />
    public override int Execute(ClusterSweepSettings settings, CommandContext context) => Blocking.Run(async () =>
    {
        using var reader = SweepStoreFactory.OpenReadOnly(settings.Store);
        SweepLookup.Require(reader, settings.Sweep, settings.Store);
        await using var cluster = await ClusterSession.Connect(settings.Store, context.Cancellation);
        return await Act(settings, reader, cluster, context);
    });

    /// <summary>The command's work on the sweep, which exists in <paramref name="reader"/>; returns the exit code.</summary>
    protected abstract Task<int> Act(ClusterSweepSettings settings, ISweepReader reader, ClusterSession cluster, CommandContext context);
}
