using Gan.Core.Metrics;
using Silo.Stores;

namespace Silo.Search;

/// <summary>
/// Every score, declared once: sweep files rank by them, and the table, CSV, JSON, compare, the
/// report and early stopping read them from here. A new score is one line.
/// </summary>
public static class ScoreCatalog
{
    /// <summary>The scores, in the order tables and reports show them.</summary>
    public static IReadOnlyList<Score> List { get; } =
    [
        new("fid", true, ScoreColumn.Image, (e, _) => e?.Fid, "F1") { Quick = MetricNames.QuickFid },
        new("coverage", false, ScoreColumn.Image, (e, _) => e?.Coverage, "F0") { Quick = MetricNames.QuickCoverage, Display = e => e.ClassCounts.Length == 0 ? "-" : $"{e.Coverage}/{e.ClassCounts.Length}" },
        new("classifier_score", false, ScoreColumn.Image, (e, _) => e?.ClassifierScore, "F2"),
        new("largest_class_share", true, ScoreColumn.None, (e, _) => e?.LargestClassShare, "P1"),
        Final(MetricNames.Precision, false, ScoreColumn.Image),
        Final(MetricNames.Recall, false, ScoreColumn.Image),
        Final(MetricNames.Density, false, ScoreColumn.None),
        Final(MetricNames.NeighbourCoverage, false, ScoreColumn.None),
        Final(MetricNames.Wasserstein, true, ScoreColumn.Toy),
        Final(MetricNames.MeanError, true, ScoreColumn.Toy),
        Final(MetricNames.StdError, true, ScoreColumn.Toy),
    ];

    /// <summary>Every score by name.</summary>
    public static IReadOnlyDictionary<string, Score> All { get; } = List.ToDictionary(s => s.Name);

    /// <summary>The value of score <paramref name="name"/> for a trial, or null if it has none yet.</summary>
    public static double? ValueOf(string name, StoredEvaluation? evaluation, MetricRecord? final) =>
        All.TryGetValue(name, out var score) ? score.Value(evaluation, final) : null;

    /// <summary>A score the trainer records in the trial's last metric record: the toy lab's, and precision, recall, density and coverage.</summary>
    private static Score Final(string name, bool minimize, ScoreColumn column) =>
        new(name, minimize, column, (_, f) => f?.Values.TryGetValue(name, out var value) == true ? value : null, "F3");
}
