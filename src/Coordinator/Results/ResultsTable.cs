using System.Globalization;
using Coordinator.Store;
using Coordinator.Sweeps;
using Gan.Core.Metrics;
using Gan.Core.Training;

namespace Coordinator.Results;

/// <summary>
/// A sweep's trials as rows: the swept hyperparameters, the quality scores, the final balance,
/// health flags, status and duration; ranked by the sweep's metric.
/// </summary>
public sealed class ResultsTable
{
    /// <summary>A table of already formatted cells.</summary>
    public ResultsTable(string sweep, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Sweep = sweep;
        Columns = columns;
        Rows = rows;
    }

    /// <summary>The sweep's name.</summary>
    public string Sweep { get; }

    /// <summary>Column headers.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Cells, row by row, formatted.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Builds the table of <paramref name="sweepName"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="sweepName">The sweep.</param>
    /// <param name="sort">A column to sort by instead of the sweep's metric (descending for scores that grow better).</param>
    /// <param name="top">Only the first rows.</param>
    /// <exception cref="StoreException">No such sweep, or no such column.</exception>
    public static ResultsTable Build(ISweepStore store, string sweepName, string? sort = null, int? top = null)
    {
        var sweep = store.FindSweep(sweepName) ?? throw new StoreException(StoreErrorCode.NotFound, $"No sweep named '{sweepName}'. 'sweep ls' lists them.");
        var trials = store.Trials(sweepName);
        var swept = SweptKeys(trials);
        var rows = trials.Select(t => new Row(t, store.Evaluation(t.Id), store.LatestMetrics(t.Id))).ToList();

        string[] columns = ["trial", .. swept, "fid", "coverage", "score", "D(x)", "D(G(z))", "flags", "status", "duration"];
        IEnumerable<Row> ordered;
        if (sort is null)
            ordered = rows.OrderBy(r => r.Metric(sweep.Metric) is null).ThenBy(r => (sweep.Minimize ? 1 : -1) * (r.Metric(sweep.Metric) ?? 0)).ThenBy(r => r.Trial.Index);
        else
        {
            var column = Array.IndexOf(columns, sort);
            if (column < 0)
                throw new StoreException(StoreErrorCode.NotFound, $"No column '{sort}' to sort by; the columns are {string.Join(", ", columns)}.");
            var descending = sort is "coverage" or "score";
            ordered = rows.OrderBy(r => r.SortKey(columns[column], swept), Comparer<IComparable?>.Create(CompareKeys));
            if (descending)
                ordered = ordered.Reverse();
        }
        var cells = ordered.Take(top ?? int.MaxValue).Select(r => (IReadOnlyList<string>)r.Cells(swept)).ToList();
        return new ResultsTable(sweep.Name, columns, cells);
    }

    /// <summary>The options whose values differ between the trials: what the sweep varies.</summary>
    public static IReadOnlyList<string> SweptKeys(IReadOnlyList<TrialRecord> trials) =>
        trials.SelectMany(t => t.Config.Keys).Distinct()
            .Where(key => trials.Select(t => t.Config.TryGetValue(key, out var v) ? TrialOption.Format(v) : "").Distinct().Count() > 1).ToList();

    private static int CompareKeys(IComparable? a, IComparable? b) =>
        a is null ? (b is null ? 0 : 1) : b is null ? -1 : a.CompareTo(b);

    private sealed record Row(TrialRecord Trial, StoredEvaluation? Evaluation, MetricRecord? Final)
    {
        public double? Metric(string name) =>
            Evaluation is null ? null : name switch
            {
                "coverage" => Evaluation.Coverage,
                "classifier_score" => Evaluation.ClassifierScore,
                "largest_class_share" => Evaluation.LargestClassShare,
                _ => Evaluation.Fid,
            };

        public IComparable? SortKey(string column, IReadOnlyList<string> swept) =>
            column switch
            {
                "trial" => Trial.Index,
                "fid" => Evaluation?.Fid,
                "coverage" => Evaluation?.Coverage,
                "score" => Evaluation?.ClassifierScore,
                "D(x)" => Final?.Values.GetValueOrDefault(MetricNames.DReal),
                "D(G(z))" => Final?.Values.GetValueOrDefault(MetricNames.DFakeBefore),
                "duration" => Trial.Duration,
                "status" => Trial.Status,
                "flags" => Trial.Flags.ToString(),
                _ when swept.Contains(column) => Trial.Config.TryGetValue(column, out var v) ? v as IComparable : null,
                _ => null,
            };

        public string[] Cells(IReadOnlyList<string> swept) =>
        [
            Trial.Id.ToString(CultureInfo.InvariantCulture),
            .. swept.Select(key => Trial.Config.TryGetValue(key, out var v) ? TrialOption.Format(v) : ""),
            Evaluation is null ? "" : Evaluation.Fid.ToString("F1", CultureInfo.InvariantCulture),
            Evaluation is null ? "" : $"{Evaluation.Coverage}/{Evaluation.ClassCounts.Length}",
            Evaluation is null ? "" : Evaluation.ClassifierScore.ToString("F2", CultureInfo.InvariantCulture),
            Balance(MetricNames.DReal),
            Balance(MetricNames.DFakeBefore),
            Trial.Flags == HealthFlags.None ? "" : FlagNames(Trial.Flags),
            Trial.Status,
            Trial.Duration is { } d ? FormatDuration(d) : "",
        ];

        private string Balance(string name) =>
            Final?.Values.TryGetValue(name, out var v) == true ? v.ToString("F3", CultureInfo.InvariantCulture) : "";
    }

    /// <summary>Health flags as the table shows them: diverged, d_overpowers, mode_collapse.</summary>
    public static string FlagNames(HealthFlags flags) =>
        string.Join(",", new[] { (HealthFlags.Diverged, "diverged"), (HealthFlags.DOverpowers, "d_overpowers"), (HealthFlags.ModeCollapse, "mode_collapse") }
            .Where(f => flags.HasFlag(f.Item1)).Select(f => f.Item2));

    /// <summary>A duration as 1h02m, 3m05s or 42s.</summary>
    public static string FormatDuration(TimeSpan d) =>
        d.TotalHours >= 1 ? $"{(int)d.TotalHours}h{d.Minutes:D2}m" : d.TotalMinutes >= 1 ? $"{(int)d.TotalMinutes}m{d.Seconds:D2}s" : $"{d.Seconds}s";
}
