using System.Globalization;
using Coordinator.Cli;
using Silo.Search;
using Silo.Stores;
using Coordinator.Sweeps;
using Gan.Core.Metrics;
using Gan.Core.Models;
using Gan.Core.Training;

namespace Coordinator.Results;

/// <summary>One trial's results, as typed values: renderers format them, scripts get them whole.</summary>
/// <param name="Trial">The trial, with its configuration record.</param>
/// <param name="Evaluation">Its quality scores, if it was evaluated.</param>
/// <param name="Final">Its last metric record, if it has one.</param>
public sealed record ResultRow(TrialRecord Trial, StoredEvaluation? Evaluation, MetricRecord? Final)
{
    /// <summary>The value of a final metric, or null.</summary>
    public double? FinalMetric(string name) => Final?.Values.TryGetValue(name, out var v) == true ? v : null;

    /// <summary>
    /// The value of a sweep metric, or null: an evaluation score (fid, coverage, classifier_score,
    /// largest_class_share), one recorded at the end (precision, recall, density, nn_coverage), or a
    /// toy trial's final one (wasserstein, mean_error, std_error).
    /// </summary>
    public double? Metric(string name) => ScoreCatalog.ValueOf(name, Evaluation, Final);
}

/// <summary>One column: its name, its typed value (what CSV writes and <c>--sort</c> orders by), and how people see it.</summary>
/// <param name="Name">The header, as <c>--sort</c> names it.</param>
/// <param name="Value">The raw value: a number, text, or null when missing.</param>
/// <param name="Display">The value rounded for the table and Markdown.</param>
public sealed record ResultColumn(string Name, Func<ResultRow, object?> Value, Func<ResultRow, string> Display);

/// <summary>
/// A sweep's trials as rows: a pbt sweep's member, the swept hyperparameters, the quality scores, the final balance,
/// health flags, status and duration; ranked by the sweep's metric. It holds typed values;
/// <see cref="ToText"/> rounds them for people, and <see cref="ResultsWriter"/> writes them raw for scripts.
/// </summary>
public sealed class ResultsTable
{
    private ResultsTable(string sweep, IReadOnlyList<string> swept, IReadOnlyList<string> searched, IReadOnlyList<ResultColumn> columns, IReadOnlyList<ResultRow> rows, int trials)
    {
        Sweep = sweep;
        Swept = swept;
        Searched = searched;
        Columns = columns;
        Rows = rows;
        Trials = trials;
    }

    /// <summary>The sweep's name.</summary>
    public string Sweep { get; }

    /// <summary>The options the sweep varies, in column order.</summary>
    public IReadOnlyList<string> Swept { get; }

    /// <summary>The swept options the search chose, whose effect on the metric is worth a plot: all of <see cref="Swept"/> but the steps that a pbt sweep's stretches set.</summary>
    public IReadOnlyList<string> Searched { get; }

    /// <summary>The rows, ranked.</summary>
    public IReadOnlyList<ResultRow> Rows { get; }

    /// <summary>The sweep's trials, of which <see cref="Rows"/> may show only the first.</summary>
    public int Trials { get; }

    /// <summary>The columns, one definition each for the table, CSV and <c>--sort</c>.</summary>
    public IReadOnlyList<ResultColumn> Columns { get; }

    /// <summary>Builds the table of <paramref name="sweepName"/> from three queries, whatever its size.</summary>
    /// <param name="store">The store.</param>
    /// <param name="sweepName">The sweep.</param>
    /// <param name="sort">A column to sort by instead of the sweep's metric (descending for scores that grow better).</param>
    /// <param name="top">Only the first rows.</param>
    /// <exception cref="StoreException">No such sweep.</exception>
    /// <exception cref="UserInputException">No such column.</exception>
    public static ResultsTable Build(ISweepReader store, string sweepName, string? sort = null, int? top = null)
    {
        var sweep = store.FindSweep(sweepName) ?? throw new StoreException(StoreErrorCode.NotFound, $"No sweep named '{TerminalText.Quote(sweepName)}'. 'sweep ls' lists them.");
        var trials = store.Trials(sweepName);
        var evaluations = store.Evaluations(sweepName);
        var finals = store.LatestMetrics(sweepName);
        var rows = trials.Select(t => new ResultRow(t, evaluations.GetValueOrDefault(t.Id), finals.GetValueOrDefault(t.Id))).ToList();
        var swept = SweptOptions.Of(trials);
        // Toy trials are scored against their distribution, image trials by the classifier.
        var population = SweepSearch.SpaceOf(sweep)?.Population;
        var columns = ColumnsFor(swept, toy: trials.Any(t => t.Config.GetValueOrDefault("arch") is Architectures.Toy), population);
        IReadOnlyList<string> searched = population is null ? swept : [.. swept.Except(PopulationSearch.StretchOptions)];

        IEnumerable<ResultRow> ordered;
        if (sort is null)
            ordered = rows.OrderBy(r => r.Metric(sweep.Metric) is null).ThenBy(r => (sweep.Minimize ? 1 : -1) * (r.Metric(sweep.Metric) ?? 0)).ThenBy(r => r.Trial.Index);
        else
        {
            var column = columns.FirstOrDefault(c => c.Name == sort)
                ?? throw new UserInputException($"No column '{TerminalText.Quote(sort)}' to sort by; the columns are {string.Join(", ", columns.Select(c => c.Name))}.");
            ordered = rows.OrderBy(r => column.Value(r) as IComparable, Comparer<IComparable?>.Create(CompareKeys));
            // Scores that grow better are listed best first, as the sweep's own ranking would.
            if (ScoreCatalog.All.TryGetValue(sort, out var score) && !score.Minimize)
                ordered = ordered.Reverse();
        }
        return new ResultsTable(sweep.Name, swept, searched, columns, ordered.Take(top ?? int.MaxValue).ToList(), rows.Count);
    }

    /// <summary>The table rounded for people: three decimals for balances, one for FID, durations as 1m05s.</summary>
    public TextTable ToText() =>
        new(Sweep, [.. Columns.Select(c => c.Name)], [.. Rows.Select(row => (IReadOnlyList<string>)[.. Columns.Select(c => c.Display(row))])]);

    /// <summary>Health flags as the table shows them: diverged, d_overpowers, mode_collapse.</summary>
    public static string FlagNames(HealthFlags flags) => string.Join(",", HealthFlagNames.In(flags));


    /// <summary>A duration as 1h02m, 3m05s or 42s.</summary>
    public static string FormatDuration(TimeSpan d) =>
        d.TotalHours >= 1 ? $"{(int)d.TotalHours}h{d.Minutes:D2}m" : d.TotalMinutes >= 1 ? $"{(int)d.TotalMinutes}m{d.Seconds:D2}s" : $"{d.Seconds}s";

    private static ResultColumn[] ColumnsFor(IReadOnlyList<string> swept, bool toy, PopulationSettings? population) =>
    [
        // Ids follow the index within a sweep, so they order trials as the file does.
        new("trial", r => r.Trial.Id, r => r.Trial.Id.ToString(CultureInfo.InvariantCulture)),
        // A pbt sweep's trials are its members' stretches: the member says whose each row is.
        .. population is null ? [] : new[] { new ResultColumn("member", r => population.MemberOf(r.Trial.Index), r => population.MemberOf(r.Trial.Index).ToString(CultureInfo.InvariantCulture)) },
        .. swept.Select(key => new ResultColumn(key, r => r.Trial.Config.GetValueOrDefault(key), r => TerminalText.Value(r.Trial.Config, key))),
        .. toy ? ToyScoreColumns : ImageScoreColumns,
        new("D(x)", r => r.FinalMetric(MetricNames.DReal), r => Format(r.FinalMetric(MetricNames.DReal), "F3")),
        new("D(G(z))", r => r.FinalMetric(MetricNames.DFakeBefore), r => Format(r.FinalMetric(MetricNames.DFakeBefore), "F3")),
        new("flags", r => FlagNames(r.Trial.Flags), r => FlagNames(r.Trial.Flags)),
        new("status", r => r.Trial.Status, r => StatusText(r.Trial)),
        new("duration", r => r.Trial.Duration?.TotalSeconds, r => r.Trial.Duration is { } d ? FormatDuration(d) : ""),
    ];

    private static readonly ResultColumn[] ImageScoreColumns =
    [
        .. ScoreColumns(ScoreColumn.Image),
        // Scores are of the best generator by default: say which step it came from.
        new("scored_step", r => r.Evaluation?.Step, r => r.Evaluation?.Step?.ToString(CultureInfo.InvariantCulture) ?? ""),
    ];

    private static readonly ResultColumn[] ToyScoreColumns = ScoreColumns(ScoreColumn.Toy);

    /// <summary>The columns of the scores declared for <paramref name="kind"/>'s tables.</summary>
    private static ResultColumn[] ScoreColumns(ScoreColumn kind) =>
        [.. ScoreCatalog.List.Where(s => s.Column == kind).Select(s => new ResultColumn(s.Name, r => s.Value(r.Evaluation, r.Final), r => s.Show(r.Evaluation, r.Final)))];

    /// <summary>A trial's status for people: a stopped one's says at which step and by which rule, <c>stopped@1500 hyperband</c>.</summary>
    public static string StatusText(TrialRecord trial) =>
        trial.Status == TrialStates.Stopped ? $"stopped@{trial.Step} {StopRule(trial.Error)}".TrimEnd() : trial.Status;

    /// <summary>The rule in a stop message, "RULE: why" or a trainer's "at step N: RULE: why"; empty if there is none.</summary>
    private static string StopRule(string? message)
    {
        var reason = message ?? "";
        if (reason.StartsWith("at step ", StringComparison.Ordinal))
            reason = reason.Split(": ", 2) is [_, var rest] ? rest : "";
        return reason.Contains(':') ? reason.Split(':', 2)[0] : "";
    }

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    private static int CompareKeys(IComparable? a, IComparable? b) =>
        a is null ? (b is null ? 0 : 1) : b is null ? -1 : a.CompareTo(b);
}
