using System.CommandLine;
using Coordinator.Cli;
using Coordinator.Results;
using Silo.Search;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep show</c>.</summary>
public sealed class ShowSettings : StoredSweepSettings
{
    /// <summary>A column to sort by instead of the sweep's metric.</summary>
    public string? Sort { get; init; }

    /// <summary>Only the first rows.</summary>
    public int? Top { get; init; }

    /// <summary>The output format.</summary>
    public ResultsFormat Format { get; init; }

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
    private readonly Option<string?> store = CommonOptions.Store();
    private readonly Option<string?> sort = new("--sort") { Description = $"Sort by this column (a hyperparameter, {string.Join(", ", ScoreCatalog.List.Where(s => s.Column != ScoreColumn.None).Select(s => s.Name))}, D(x), D(G(z)), status, duration) instead of the sweep's metric." };
    private readonly Option<int?> top = new("--top") { Description = "Show only the first N rows." };
    private readonly Option<ResultsFormat> format = new("--format") { Description = "table, csv, json or markdown.", DefaultValueFactory = _ => ResultsFormat.Table };

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [sweep, store, sort, top, format];

    /// <inheritdoc />
    public override ShowSettings Bind(ParseResult parse) => new()
    {
        Sweep = parse.GetValue(sweep)!,
        Store = StoreLocation.Resolve(parse.GetValue(store)),
        Sort = parse.GetValue(sort),
        Top = parse.GetValue(top),
        Format = parse.GetValue(format),
    };

    /// <inheritdoc />
    public override int Execute(ShowSettings settings, CommandContext context)
    {
        using var store = SweepStoreFactory.OpenReadOnly(settings.Store);
        ResultsWriter.Write(ResultsTable.Build(store, settings.Sweep, settings.Sort, settings.Top), settings.Format, context.Out);
        return ExitCodes.Ok;
    }
}
