using System.Data.Common;
using Gan.Core.Training;
using Silo.Trials;

namespace Silo.Stores;

/// <summary>
/// What both SQL stores do alike: read sweeps, trials and evaluations from rows selected in the
/// same column order, and fence a claim's writes with the same condition. A store brings its
/// <see cref="SqlDialect"/>; its own SQL stays with it.
/// </summary>
internal static class SqlRows
{
    /// <summary>A sweep selected as id, name, file_text, metric, minimize, created, early_terminate, target, budget_s, search.</summary>
    public static StoredSweep Sweep(DbDataReader r, SqlDialect dialect) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4), dialect.Time(r, 5), r.IsDBNull(6) ? null : r.GetString(6))
        {
            Target = r.IsDBNull(7) ? null : r.GetDouble(7),
            Budget = r.IsDBNull(8) ? null : TimeSpan.FromSeconds(r.GetDouble(8)),
            Search = r.IsDBNull(9) ? null : r.GetString(9),
        };

    /// <summary>A trial selected as id, sweep name, idx, config, status, attempts, worker, error, flags, step, total_steps, started, finished, parent_id.</summary>
    public static TrialRecord Trial(DbDataReader r, SqlDialect dialect) =>
        new(r.GetInt64(0), r.GetString(1), r.GetInt32(2), TrialConfig.FromJson(r.GetString(3)), r.GetString(4), r.GetInt32(5),
            r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), (HealthFlags)r.GetInt32(8), r.GetInt64(9), r.GetInt64(10),
            r.IsDBNull(11) ? null : dialect.Time(r, 11), r.IsDBNull(12) ? null : dialect.Time(r, 12)) { Parent = r.IsDBNull(13) ? null : r.GetInt64(13) };

    /// <summary>The columns <see cref="Evaluation"/> expects, of the evaluations table as <c>e</c>.</summary>
    public const string EvaluationColumns = "e.trial_id, e.fid, e.coverage, e.classifier_score, e.largest_class_share, e.samples, e.class_counts, e.step";

    /// <summary>An evaluation selected with <see cref="EvaluationColumns"/>.</summary>
    public static StoredEvaluation Evaluation(DbDataReader r, SqlDialect dialect) =>
        new(r.GetInt64(0), r.GetDouble(1), r.GetInt32(2), r.GetDouble(3), r.GetDouble(4), r.GetInt32(5), dialect.ClassCounts(r, 6), r.IsDBNull(7) ? null : r.GetInt64(7));

    /// <summary>The artifact file a row names in its first column (<c>RETURNING file</c> of a delete), or null for one whose bytes were in the row.</summary>
    public static string? File(DbDataReader r) => r.IsDBNull(0) ? null : r.GetString(0);

    /// <summary>The condition every write of a claim holds to: the trial is still running under that claim (parameters from <see cref="Of"/>).</summary>
    public static string Held(SqlDialect dialect) =>
        $"id = {dialect.Marker}id AND worker = {dialect.Marker}worker AND attempts = {dialect.Marker}attempt AND status = 'running'";

    /// <summary>The parameters of <see cref="Held"/>.</summary>
    public static (string, object?)[] Of(TrialClaim claim, SqlDialect dialect) =>
        [($"{dialect.Marker}id", claim.TrialId), ($"{dialect.Marker}worker", claim.Worker), ($"{dialect.Marker}attempt", claim.Attempt)];
}
