using Gan.Core.Metrics;
using Silo.Stores;

namespace Silo.Search;

/// <summary>Where a sweep metric's value lives for a trial: its evaluation, or (the toy lab's scores) its last metric record.</summary>
public static class SweepMetricValue
{
    /// <summary>The value of sweep metric <paramref name="name"/> for a trial, or null if it has none yet.</summary>
    public static double? Of(string name, StoredEvaluation? evaluation, MetricRecord? final) =>
        name switch
        {
            "fid" => evaluation?.Fid,
            "coverage" => evaluation?.Coverage,
            "classifier_score" => evaluation?.ClassifierScore,
            "largest_class_share" => evaluation?.LargestClassShare,
            _ => final?.Values.TryGetValue(name, out var value) == true ? value : null,
        };
}
