using System.Globalization;
using Gan.Core.Metrics;

namespace Coordinator.Report;

/// <summary>
/// Turns a trial's metric records into <see cref="ReportCurves"/> of at most a given number of
/// points. Longer runs are cut into half as many buckets of consecutive records, and each
/// bucket becomes two points, at its first and last step: per metric, the bucket's minimum and
/// maximum in the order they occurred. The envelope survives, so a spike or a divergence shows
/// at any length, where averaging or striding would hide it.
/// </summary>
public static class CurveThinning
{
    /// <summary>The curves of <paramref name="names"/> in <paramref name="records"/>, in step order, with at most <paramref name="points"/> points.</summary>
    public static ReportCurves Thin(IReadOnlyList<MetricRecord> records, IReadOnlyCollection<string> names, int points)
    {
        names = [.. names.Where(n => records.Any(r => r.Values.ContainsKey(n)))];
        if (records.Count <= points)
            return new ReportCurves(records.Count, [.. records.Select(r => r.Step)],
                names.ToDictionary(n => n, n => (IReadOnlyList<double?>)[.. records.Select(r => Value(r, n))]));

        var buckets = points / 2;
        var steps = new List<long>(buckets * 2);
        var series = names.ToDictionary(n => n, _ => new List<double?>(buckets * 2));
        for (var b = 0; b < buckets; b++)
        {
            // Bucket b holds records [start, end): sizes differ by at most one.
            var (start, end) = ((int)((long)b * records.Count / buckets), (int)((long)(b + 1) * records.Count / buckets));
            steps.Add(records[start].Step);
            steps.Add(records[end - 1].Step);
            foreach (var name in names)
            {
                var (first, second) = Envelope(records, start, end, name);
                series[name].Add(first);
                series[name].Add(second);
            }
        }
        return new ReportCurves(records.Count, steps, series.ToDictionary(s => s.Key, s => (IReadOnlyList<double?>)s.Value));
    }

    /// <summary>A bucket's minimum and maximum of <paramref name="name"/>, the earlier first; nulls when it has no finite value.</summary>
    private static (double?, double?) Envelope(IReadOnlyList<MetricRecord> records, int start, int end, string name)
    {
        int? low = null, high = null;
        for (var i = start; i < end; i++)
        {
            if (Value(records[i], name) is not { } v)
                continue;
            if (low is null || v < Value(records[low.Value], name))
                low = i;
            if (high is null || v > Value(records[high.Value], name))
                high = i;
        }
        if (low is null || high is null)
            return (null, null);
        var (a, b) = low <= high ? (low.Value, high.Value) : (high.Value, low.Value);
        return (Value(records[a], name), Value(records[b], name));
    }

    /// <summary>A finite value to six significant digits, past what a chart shows and about what the float it was trained in holds: it keeps the page small.</summary>
    private static double? Value(MetricRecord record, string name) =>
        record.Values.TryGetValue(name, out var v) && double.IsFinite(v) ? double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;
}
