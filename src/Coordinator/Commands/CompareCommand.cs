using System.CommandLine;
using System.Globalization;
using Coordinator.Cli;
using Coordinator.Results;
using Silo.Search;
using Silo.Stores;
using Coordinator.Sweeps;
using Gan.Core.Metrics;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep compare</c>.</summary>
/// <param name="Store">Where the sweeps are stored.</param>
/// <param name="Ids">The trials' ids.</param>
public sealed record CompareSettings(StoreLocation Store, long[] Ids) : StoreSettings(Store)
{
    /// <inheritdoc />
    public override IEnumerable<string> Validate()
    {
        if (Ids.Length < 2)
            yield return $"ids = {Ids.Length} given: compare needs at least two trial ids.";
    }
}

/// <summary><c>sweep compare ID ID …</c>: trials side by side, one column each.</summary>
public sealed class CompareCommand() : SweepCommand<CompareSettings>("compare", "Show trials side by side: configuration, scores, final balance metrics, flags and status.")
{
    private readonly Argument<long[]> ids = new("ids") { Description = "Two or more trial ids.", Arity = ArgumentArity.OneOrMore };
    private readonly StoreOptions store = new();

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [ids, .. store.Symbols];

    /// <inheritdoc />
    public override CompareSettings Bind(ParseResult parse) => new(Ids: parse.GetValue(ids) ?? [], Store: store.Bind(parse));

    /// <inheritdoc />
    public override int Execute(CompareSettings settings, CommandContext context)
    {
        using var store = SweepStoreFactory.OpenReadOnly(settings.Store);
        var trials = settings.Ids.Select(id => store.Trial(id) ?? throw new StoreException(StoreErrorCode.NotFound, $"No trial {id} in {settings.Store}.")).ToList();
        var evaluations = trials.Select(t => store.Evaluation(t.Id)).ToList();
        var finals = trials.Select(t => store.LatestMetrics(t.Id)).ToList();
        var rows = new List<IReadOnlyList<string>>
        {
            Row("sweep", trials.Select(t => t.Sweep)),
            Row("status", trials.Select(ResultsTable.StatusText)),
        };
        foreach (var key in trials.SelectMany(t => t.Config.Keys).Distinct())
            rows.Add(Row(key, trials.Select(t => TerminalText.Value(t.Config, key))));
        // The scores the results table shows, those of the trials' kind (image or toy lab).
        foreach (var score in ScoreCatalog.List.Where(s => s.Column != ScoreColumn.None && trials.Select((_, i) => s.Value(evaluations[i], finals[i])).Any(v => v is not null)))
            rows.Add(Row(score.Name, trials.Select((_, i) => score.Show(evaluations[i], finals[i]))));
        rows.Add(Row("scored_step", evaluations.Select(e => e?.Step?.ToString(CultureInfo.InvariantCulture) ?? "")));
        foreach (var name in MetricNames.Averaged)
            rows.Add(Row(name, finals.Select(f => f?.Values.TryGetValue(name, out var v) == true ? v.ToString("G4", CultureInfo.InvariantCulture) : "")));
        rows.Add(Row("flags", trials.Select(t => ResultsTable.FlagNames(t.Flags))));
        rows.Add(Row("duration", trials.Select(t => t.Duration is { } d ? ResultsTable.FormatDuration(d) : "")));
        new TextTable("compare", ["", .. trials.Select(t => $"trial {t.Id}")], rows).Write(context.Out);
        return ExitCodes.Ok;
    }

    private static IReadOnlyList<string> Row(string label, IEnumerable<string> cells) => [label, .. cells];
}
