using System.CommandLine;
using System.Globalization;
using Coordinator.Cli;
using Coordinator.Cluster;
using Coordinator.Results;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep cluster</c>.</summary>
/// <param name="Store">Where the sweeps are stored.</param>
public sealed record ClusterSettings(StoreLocation Store) : StoreSettings(Store)
{
    /// <inheritdoc />
    public override IEnumerable<string> Validate() => ClusterStore.Validate(Store, "cluster");
}

/// <summary><c>sweep cluster</c>: the live silos, their slots and devices, and what each slot trains.</summary>
public sealed class ClusterCommand() : SweepCommand<ClusterSettings>("cluster", "Show the cluster's silos, their slots and devices, and what each slot trains.")
{
    private readonly StoreOptions store = new();

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => store.Symbols;

    /// <inheritdoc />
    public override ClusterSettings Bind(ParseResult parse) => new(Store: store.Bind(parse));

    /// <inheritdoc />
    public override int Execute(ClusterSettings settings, CommandContext context)
    {
        using var reader = SweepStoreFactory.OpenReadOnly(settings.Store);
        var silos = Blocking.Run(async () =>
        {
            await using var cluster = await ClusterSession.Connect(settings.Store, context.Cancellation);
            return await cluster.Silos(context.Cancellation);
        });
        var rows = silos.SelectMany(silo => silo.Slots.Select(slot => (IReadOnlyList<string>)
        [
            silo.Silo, silo.Host, slot.Index.ToString(CultureInfo.InvariantCulture), slot.Device,
            slot.Claim is { } claim ? $"{reader.Trial(claim.TrialId)?.Sweep} trial {claim.TrialId} (attempt {claim.Attempt})" : slot.Worker is null ? "starting" : "idle",
        ])).ToList();
        new TextTable($"{silos.Count} silo{(silos.Count == 1 ? "" : "s")}, {rows.Count} slot{(rows.Count == 1 ? "" : "s")}", ["silo", "host", "slot", "device", "training"], rows).Write(context.Out);
        return ExitCodes.Ok;
    }
}
