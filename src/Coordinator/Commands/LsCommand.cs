using System.CommandLine;
using Coordinator.Cli;
using Coordinator.Results;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep ls</c>.</summary>
/// <param name="Store">Where the sweeps are stored.</param>
public sealed record LsSettings(StoreLocation Store) : StoreSettings(Store);

/// <summary><c>sweep ls</c>: the sweeps, with their trials counted by status.</summary>
public sealed class LsCommand() : SweepCommand<LsSettings>("ls", "List the sweeps, with their trials counted by status.")
{
    private readonly StoreOptions store = new();

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => store.Symbols;

    /// <inheritdoc />
    public override LsSettings Bind(ParseResult parse) => new(Store: store.Bind(parse));

    /// <inheritdoc />
    public override int Execute(LsSettings settings, CommandContext context)
    {
        using var store = SweepStoreFactory.OpenReadOnly(settings.Store);
        var sweeps = store.ListSweeps();
        if (sweeps.Count == 0)
        {
            context.Out.WriteLine($"No sweeps in {TerminalText.Clean(settings.Store.Display)} yet. Start one with 'sweep run sweeps/lr-grid.yaml'.");
            return ExitCodes.Ok;
        }
        string[] columns = ["sweep", "trials", .. TrialStates.All, "metric", "created"];
        var rows = sweeps.Select(s => (IReadOnlyList<string>)
        [
            s.Sweep.Name, s.Counts.Values.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. TrialStates.All.Select(state => s.Counts.GetValueOrDefault(state).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            $"{s.Sweep.Metric} ({(s.Sweep.Minimize ? "min" : "max")})", s.Sweep.Created.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ]).ToList();
        new TextTable("sweeps", columns, rows).Write(context.Out);
        return ExitCodes.Ok;
    }
}
