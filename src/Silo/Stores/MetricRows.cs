using System.Data.Common;
using Gan.Core.Metrics;

namespace Silo.Stores;

/// <summary>
/// Metrics as stores keep them: one (step, name, value) row per value, the epoch as a value named
/// "epoch", and NULL for a value that is not finite (SQLite cannot store NaN).
/// </summary>
internal static class MetricRows
{
    /// <summary>One row, from the reader's columns <paramref name="first"/> to <paramref name="first"/> + 2.</summary>
    public static (long Step, string Name, double Value) Read(DbDataReader r, int first) =>
        (r.GetInt64(first), r.GetString(first + 1), r.IsDBNull(first + 2) ? double.NaN : r.GetDouble(first + 2));

    /// <summary>Rows grouped back into records, one per step.</summary>
    public static List<MetricRecord> ToRecords(IEnumerable<(long Step, string Name, double Value)> rows) =>
        rows.GroupBy(r => r.Step).Select(g =>
        {
            var values = g.Where(r => r.Name != "epoch").ToDictionary(r => r.Name, r => r.Value);
            var epoch = g.Where(r => r.Name == "epoch").Select(r => (long)r.Value).FirstOrDefault();
            return new MetricRecord(g.Key, epoch, values);
        }).ToList();
}
