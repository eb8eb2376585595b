using System.CommandLine;
using Coordinator.Cli;
using Coordinator.Results;
using Silo.Search;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep show</c>.</summary>
/// <param name="Sweep">The sweep's name.</param>
/// <param name="Store">Where the sweeps are stored.</param>
/// <param name="Sort">A column to sort by instead of the sweep's metric.</param>
/// <param name="Top">Only the first rows.</param>
/// <param name="Format">The output format.</param>
public sealed record ShowSettings(string Sweep, StoreLocation Store, string? Sort, int? Top, ResultsFormat Format) : StoredSweepSettings(Sweep, Store)
{
    /// <inheritdoc />
    public override IEnumerable<string> Validate()
    {
        if (Top is < 1)
            yield return $"top = {Top}: must be at least 1.";
    }
}

/// <summary><c>sweep show SWEEP</c>: the results table, from the store.</summary>
public sealed class ShowCommand() : SweepCommand<ShowSettings>("show", "Print a sweep's results table: one row per trial, ranked by the sweep's metric.")
{
    private readonly Argument<string> sweep = new("sweep") { Description = "The sweep's name (see 'sweep ls')." };
    private readonly StoreOptions store = new();
    private readonly Option<string?> sort = new("--sort") { Description = $"Sort by this column (a hyperparameter, {string.Join(", ", ScoreCatalog.List.Where(s => s.Column != ScoreColumn.None).Select(s => s.Name))}, D(x), D(G(z)), status, duration) instead of the sweep's metric." };
    private readonly Option<int?> top = new("--top") { Description = "Show only the first N rows." };
    private readonly Option<ResultsFormat> format = new("--format") { Description = "table, csv, json or markdown.", DefaultValueFactory = _ => ResultsFormat.Table };

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [sweep, .. store.Symbols, sort, top, format];

    /// <inheritdoc />
    public override ShowSettings Bind(ParseResult parse) => new(
        Sweep: parse.GetValue(sweep)!,
        Store: store.Bind(parse),
        Sort: parse.GetValue(sort),
        Top: parse.GetValue(top),
        Format: parse.GetValue(format));

    /// <inheritdoc />
    public override int Execute(ShowSettings settings, CommandContext context)
    {
        using var store = SweepStoreFactory.OpenReadOnly(settings.Store);
        ResultsWriter.Write(ResultsTable.Build(store, settings.Sweep, settings.Sort, settings.Top), settings.Format, context.Out);
        return ExitCodes.Ok;
    }
}
