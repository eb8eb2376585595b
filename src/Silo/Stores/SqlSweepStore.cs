using System.Data.Common;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;

namespace Silo.Stores;

/// <summary>
/// What both SQL stores do alike: every read, in SQL that SQLite and PostgreSQL both take
/// (<c>@name</c> parameters, standard joins). A store brings its connections (<see cref="Run{T}"/>:
/// SQLite's one connection, PostgreSQL's pool with retries), its dialect for the values that come
/// back differently, and its own SQL where the databases differ: migrations, claims, upserts and
/// the locks that fence a claim's writes.
/// </summary>
public abstract class SqlSweepStore
{
    /// <summary>A sweep row's columns, of <c>sweeps s</c>, in the order <see cref="SqlRows.Sweep"/> reads.</summary>
    private protected const string SweepColumns = "s.id, s.name, s.file_text, s.metric, s.minimize, s.created, s.early_terminate, s.target, s.budget_s, s.search";

    /// <summary>A trial row's columns, of <c>trials t</c> and its sweep <c>s</c>, in the order <see cref="SqlRows.Trial"/> reads.</summary>
    private protected const string TrialColumns =
        "t.id, s.name, t.idx, t.config, t.status, t.attempts, t.worker, t.error, t.flags, t.step, t.total_steps, t.started, t.finished, t.parent_id";

    private protected SqlSweepStore(SqlDialect dialect, IArtifactFiles? files) => (Dialect, Artifacts) = (dialect, new ArtifactPlacement(files));

    /// <summary>How this database's values come back.</summary>
    private protected SqlDialect Dialect { get; }

    /// <summary>Where artifacts' bytes go: rows, or files beside the database.</summary>
    private protected ArtifactPlacement Artifacts { get; }

    /// <summary>Runs <paramref name="work"/> on one of the store's connections.</summary>
    private protected abstract T Run<T>(Func<DbConnection, T> work);

    /// <inheritdoc cref="ISweepReader.FindSweep" />
    public StoredSweep? FindSweep(string name) =>
        Run(connection => Sql.Query(connection, $"SELECT {SweepColumns} FROM sweeps s WHERE s.name = @name", Dialect.Sweep, ("@name", name)).FirstOrDefault());

    /// <inheritdoc cref="ISweepQueue.SetActive" />
    public void SetActive(string sweep, bool active) =>
        Run(connection => Sql.Execute(connection, "UPDATE sweeps SET active = @active WHERE name = @name", null, ("@active", active), ("@name", sweep)));

    /// <inheritdoc cref="ISweepQueue.ActiveSweeps" />
    public IReadOnlyList<string> ActiveSweeps() =>
        Run(connection => Sql.Query(connection, "SELECT name FROM sweeps WHERE active ORDER BY id", r => r.GetString(0)));

    /// <inheritdoc cref="ISweepReader.Trials(string)" />
    public IReadOnlyList<TrialRecord> Trials(string sweep) => SelectTrials("s.name = @name ORDER BY t.idx", ("@name", sweep));

    /// <inheritdoc cref="ISweepReader.Trials(string, string)" />
    public IReadOnlyList<TrialRecord> Trials(string sweep, string status) =>
        SelectTrials("s.name = @name AND t.status = @status ORDER BY t.idx", ("@name", sweep), ("@status", status));

    /// <inheritdoc cref="ISweepReader.Trial" />
    public TrialRecord? Trial(long id) => SelectTrials("t.id = @id", ("@id", id)).FirstOrDefault();

    /// <inheritdoc cref="ISweepQueue.HeldBy" />
    public TrialRecord? HeldBy(string worker) => SelectTrials("t.status = 'running' AND t.worker = @worker", ("@worker", worker)).FirstOrDefault();

    private List<TrialRecord> SelectTrials(string where, params (string, object?)[] parameters) =>
        Run(connection => Sql.Query(connection, $"SELECT {TrialColumns} FROM trials t JOIN sweeps s ON s.id = t.sweep_id WHERE {where}", Dialect.Trial, parameters));

    /// <inheritdoc cref="ISweepReader.FirstStarted" />
    public DateTimeOffset? FirstStarted(string sweep) =>
        Run(connection => Sql.Query(connection, "SELECT min(t.started) FROM trials t JOIN sweeps s ON s.id = t.sweep_id WHERE s.name = @name",
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : Dialect.Time(r, 0), ("@name", sweep)).Single());

    /// <inheritdoc cref="ISweepReader.TrialCounts" />
    public IReadOnlyDictionary<string, int> TrialCounts(string sweep) =>
        Run(connection => Sql.Query(connection, "SELECT t.status, count(*) FROM trials t JOIN sweeps s ON s.id = t.sweep_id WHERE s.name = @name GROUP BY t.status",
            r => (status: r.GetString(0), count: (int)r.GetInt64(1)), ("@name", sweep)).ToDictionary(p => p.status, p => p.count));

    /// <inheritdoc cref="ISweepReader.Metrics" />
    public IReadOnlyList<MetricRecord> Metrics(long trialId) =>
        MetricRecords("SELECT step, name, value FROM metrics WHERE trial_id = @id ORDER BY step", trialId);

    /// <inheritdoc cref="ISweepReader.LatestMetrics(long)" />
    public MetricRecord? LatestMetrics(long trialId) =>
        MetricRecords("SELECT step, name, value FROM metrics WHERE trial_id = @id AND step = (SELECT max(step) FROM metrics WHERE trial_id = @id)", trialId)
            .SingleOrDefault();

    private List<MetricRecord> MetricRecords(string sql, long trialId) =>
        MetricRows.ToRecords(Run(connection => Sql.Query(connection, sql, r => MetricRows.Read(r, 0), ("@id", trialId))));

    /// <inheritdoc cref="ISweepReader.LatestMetrics(string)" />
    public IReadOnlyDictionary<long, MetricRecord> LatestMetrics(string sweep)
    {
        var rows = Run(connection => Sql.Query(connection, """
            SELECT m.trial_id, m.step, m.name, m.value
            FROM metrics m
            JOIN (SELECT l.trial_id, max(l.step) AS step FROM metrics l
                  WHERE l.trial_id IN (SELECT t.id FROM trials t JOIN sweeps s ON s.id = t.sweep_id WHERE s.name = @sweep)
                  GROUP BY l.trial_id) last ON last.trial_id = m.trial_id AND last.step = m.step
            """, r => (trial: r.GetInt64(0), row: MetricRows.Read(r, 1)), ("@sweep", sweep)));
        return rows.GroupBy(r => r.trial).ToDictionary(g => g.Key, g => MetricRows.ToRecords(g.Select(r => r.row)).Single());
    }

    /// <inheritdoc cref="ISweepReader.MetricAt" />
    public IReadOnlyDictionary<long, double> MetricAt(string sweep, string name, long step) =>
        Run(connection => Sql.Query(connection, """
            SELECT m.trial_id, m.value FROM metrics m JOIN trials t ON t.id = m.trial_id JOIN sweeps s ON s.id = t.sweep_id
            WHERE s.name = @sweep AND m.name = @name AND m.step = @step AND m.value IS NOT NULL
            """, r => (r.GetInt64(0), r.GetDouble(1)), ("@sweep", sweep), ("@name", name), ("@step", step))).ToDictionary(p => p.Item1, p => p.Item2);

    /// <inheritdoc cref="ISweepReader.Evaluation" />
    public StoredEvaluation? Evaluation(long trialId) =>
        Run(connection => Sql.Query(connection, $"SELECT {SqlRows.EvaluationColumns} FROM evaluations e WHERE e.trial_id = @id", Dialect.Evaluation, ("@id", trialId)).FirstOrDefault());

    /// <inheritdoc cref="ISweepReader.Evaluations" />
    public IReadOnlyDictionary<long, StoredEvaluation> Evaluations(string sweep) =>
        Run(connection => Sql.Query(connection,
            $"SELECT {SqlRows.EvaluationColumns} FROM evaluations e JOIN trials t ON t.id = e.trial_id JOIN sweeps s ON s.id = t.sweep_id WHERE s.name = @sweep",
            Dialect.Evaluation, ("@sweep", sweep))).ToDictionary(e => e.TrialId);

    /// <inheritdoc cref="ISweepReader.Artifact" />
    public TrialArtifact? Artifact(long trialId, ArtifactKind kind, long? epoch = null) =>
        Run(connection => Sql.Query(connection,
                $"SELECT {ArtifactRows.Columns} FROM artifacts WHERE trial_id = @id AND kind = @kind {(epoch is null ? "" : "AND epoch = @epoch")} ORDER BY epoch DESC LIMIT 1",
                ArtifactRows.Read, ("@id", trialId), ("@kind", ArtifactKinds.Name(kind)), ("@epoch", epoch ?? 0)))
            .Select(row => Artifacts.Read(trialId, kind, row)).FirstOrDefault();

    /// <inheritdoc cref="ISweepReader.ArtifactEpochs" />
    public IReadOnlyList<long> ArtifactEpochs(long trialId, ArtifactKind kind) =>
        Run(connection => Sql.Query(connection, "SELECT epoch FROM artifacts WHERE trial_id = @id AND kind = @kind ORDER BY epoch", r => r.GetInt64(0),
            ("@id", trialId), ("@kind", ArtifactKinds.Name(kind))));
}
