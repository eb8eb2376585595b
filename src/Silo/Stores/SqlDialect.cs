using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Silo.Stores;

/// <summary>
/// What differs between the SQL stores in the rows they share: the parameter marker, and how a
/// timestamp and a class-count array come back. <see cref="SqlRows"/> reads rows through it.
/// </summary>
/// <param name="Marker">The parameter marker: <c>$</c> for SQLite, <c>@</c> for PostgreSQL.</param>
/// <param name="Time">Reads a timestamp column.</param>
/// <param name="ClassCounts">Reads a class-count column.</param>
internal sealed record SqlDialect(char Marker, Func<DbDataReader, int, DateTimeOffset> Time, Func<DbDataReader, int, int[]> ClassCounts)
{
    /// <summary>SQLite: timestamps as ISO 8601 text, class counts as a JSON array.</summary>
    public static SqlDialect Sqlite { get; } = new('$',
        (r, i) => DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture),
        (r, i) => JsonSerializer.Deserialize<int[]>(r.GetString(i)) ?? []);

    /// <summary>PostgreSQL: timestamptz and int[] columns.</summary>
    public static SqlDialect Postgres { get; } = new('@', (r, i) => r.GetFieldValue<DateTimeOffset>(i), (r, i) => r.GetFieldValue<int[]>(i));

    /// <summary>A sweep row, as <see cref="SqlRows.Sweep"/> reads it in this dialect.</summary>
    public StoredSweep Sweep(DbDataReader r) => SqlRows.Sweep(r, this);

    /// <summary>A trial row, as <see cref="SqlRows.Trial"/> reads it in this dialect.</summary>
    public TrialRecord Trial(DbDataReader r) => SqlRows.Trial(r, this);

    /// <summary>An evaluation row, as <see cref="SqlRows.Evaluation"/> reads it in this dialect.</summary>
    public StoredEvaluation Evaluation(DbDataReader r) => SqlRows.Evaluation(r, this);
}
