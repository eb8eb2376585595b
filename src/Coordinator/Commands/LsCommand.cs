using System.CommandLine;
using Coordinator.Cli;
using Coordinator.Results;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep ls</c>.</summary>
public sealed class LsSettings : StoreSettings;

/// <summary><c>sweep ls</c>: the sweeps, with their trials counted by status.</summary>
public sealed class LsCommand() : SweepCommand<LsSettings>("ls", "List the sweeps, with their trials counted by status.")
{
    private readonly Option<string?> store = CommonOptions.Store();

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [store];

    /// <inheritdoc />
    public override LsSettings Bind(ParseResult parse) => new() { Store = StoreLocation.Resolve(parse.GetValue(store)) };

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
