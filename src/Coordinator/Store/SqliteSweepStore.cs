using System.Globalization;
using System.Text.Json;
using Coordinator.Sweeps;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;
using Microsoft.Data.Sqlite;

namespace Coordinator.Store;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with a busy timeout, so that several worker
/// processes on one machine write to it safely.
/// </summary>
public sealed class SqliteSweepStore : ISweepStore
{
    /// <summary>The database used when neither --db nor SWEEP_DB says otherwise.</summary>
    public const string DefaultPath = "sweeps.db";

    private readonly SqliteConnection connection;
    private readonly string path;

    private SqliteSweepStore(SqliteConnection connection, string path)
    {
        this.connection = connection;
        this.path = path;
    }

    /// <summary>The path from --db, else SWEEP_DB, else ./sweeps.db.</summary>
    public static string ResolvePath(string? option) =>
        option ?? (Environment.GetEnvironmentVariable("SWEEP_DB") is { Length: > 0 } configured ? configured : DefaultPath);

    /// <summary>Opens a database that must already exist (for commands that only read).</summary>
    /// <exception cref="StoreException">There is no such file, or it is not a sweep database.</exception>
    public static SqliteSweepStore OpenExisting(string path) =>
        File.Exists(path)
            ? Open(path)
            : throw new StoreException(StoreErrorCode.NotFound, $"No sweep database at {path}. Run a sweep first, or point --db (or SWEEP_DB) at one.");

    /// <summary>Opens (creating if needed) and upgrades the database at <paramref name="path"/>.</summary>
    /// <exception cref="StoreException">The file is not a sweep database, or a newer sweep made it.</exception>
    public static SqliteSweepStore Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;");
            Execute(connection, "PRAGMA journal_mode = WAL;");
            Migrate(connection, path);
            return new SqliteSweepStore(connection, path);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new StoreException(StoreErrorCode.Corrupt, $"{path} is not a sweep database or is damaged ({e.Message.TrimEnd('.')}). Move it aside or pass another --db.");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The schema version of this build.</summary>
    public static int SchemaVersion => Migrations.All.Count;

    private static void Migrate(SqliteConnection connection, string path)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        if (version > Migrations.All.Count)
            throw new StoreException(StoreErrorCode.NewerSchema, $"{path} has schema version {version}, newer than this sweep's {Migrations.All.Count}. Update sweep.");
        for (var next = version; next < Migrations.All.Count; next++)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, Migrations.All[next], transaction);
            Execute(connection, $"PRAGMA user_version = {next + 1};", transaction);
            transaction.Commit();
        }
    }

    /// <inheritdoc />
    public StoredSweep CreateSweep(SweepDefinition sweep, IReadOnlyList<IReadOnlyDictionary<string, object>> trials)
    {
        using var transaction = connection.BeginTransaction();
        if (Scalar(connection, "SELECT 1 FROM sweeps WHERE name = $name", transaction, ("$name", sweep.Name)) is not null)
            throw new StoreException(StoreErrorCode.Conflict, $"A sweep named '{sweep.Name}' already exists in {path}.");
        var created = DateTimeOffset.UtcNow;
        var id = (long)Scalar(connection,
            "INSERT INTO sweeps (name, file_text, metric, minimize, created) VALUES ($name, $text, $metric, $minimize, $created) RETURNING id",
            transaction, ("$name", sweep.Name), ("$text", sweep.Text), ("$metric", sweep.Metric.Name), ("$minimize", sweep.Metric.Minimize), ("$created", created.ToString("O")))!;
        for (var i = 0; i < trials.Count; i++)
            Execute(connection, "INSERT INTO trials (sweep_id, idx, config) VALUES ($sweep, $idx, $config)", transaction,
                ("$sweep", id), ("$idx", i + 1), ("$config", TrialConfigJson.Write(trials[i])));
        transaction.Commit();
        return new StoredSweep(id, sweep.Name, sweep.Text, sweep.Metric.Name, sweep.Metric.Minimize, created);
    }

    /// <inheritdoc />
    public StoredSweep? FindSweep(string name) =>
        Query(connection, "SELECT id, name, file_text, metric, minimize, created FROM sweeps WHERE name = $name", ReadSweep, ("$name", name)).FirstOrDefault();

    /// <inheritdoc />
    public IReadOnlyList<SweepSummary> ListSweeps()
    {
        var sweeps = Query(connection, "SELECT id, name, file_text, metric, minimize, created FROM sweeps ORDER BY created DESC, id DESC", ReadSweep);
        return sweeps.Select(s => new SweepSummary(s, Query(connection, "SELECT status, count(*) FROM trials WHERE sweep_id = $id GROUP BY status",
            r => (status: r.GetString(0), count: r.GetInt32(1)), ("$id", s.Id)).ToDictionary(p => p.status, p => p.count))).ToList();
    }

    private const string TrialColumns =
        "t.id, s.name, t.idx, t.config, t.status, t.attempts, t.worker, t.error, t.flags, t.step, t.total_steps, t.started, t.finished";

    /// <inheritdoc />
    public IReadOnlyList<TrialRecord> Trials(string sweep) =>
        Query(connection, $"SELECT {TrialColumns} FROM trials t JOIN sweeps s ON s.id = t.sweep_id WHERE s.name = $name ORDER BY t.idx", ReadTrial, ("$name", sweep));

    /// <inheritdoc />
    public TrialRecord? Trial(long id) =>
        Query(connection, $"SELECT {TrialColumns} FROM trials t JOIN sweeps s ON s.id = t.sweep_id WHERE t.id = $id", ReadTrial, ("$id", id)).FirstOrDefault();

    /// <inheritdoc />
    public TrialRecord? Claim(string sweep, string worker, TimeSpan lease)
    {
        var now = Now();
        var id = Scalar(connection, """
            UPDATE trials SET status = 'running', worker = $worker, lease_until = $until, attempts = attempts + 1,
                              started = coalesce(started, $started), finished = NULL, error = NULL
            WHERE id = (SELECT t.id FROM trials t JOIN sweeps s ON s.id = t.sweep_id
                        WHERE s.name = $sweep AND (t.status = 'queued' OR (t.status = 'running' AND t.lease_until < $now))
                        ORDER BY t.idx LIMIT 1)
            RETURNING id
            """, null, ("$worker", worker), ("$until", now + lease.TotalSeconds), ("$started", DateTimeOffset.UtcNow.ToString("O")), ("$sweep", sweep), ("$now", now));
        return id is long claimed ? Trial(claimed) : null;
    }

    /// <inheritdoc />
    public bool Heartbeat(long trialId, string worker, TimeSpan lease, long step, long totalSteps) =>
        Execute(connection, "UPDATE trials SET lease_until = $until, step = $step, total_steps = $total WHERE id = $id AND worker = $worker AND status = 'running'",
            null, ("$until", Now() + lease.TotalSeconds), ("$step", step), ("$total", totalSteps), ("$id", trialId), ("$worker", worker)) == 1;

    /// <inheritdoc />
    public void AddMetrics(long trialId, MetricRecord record)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var (name, value) in record.Values.Append(new("epoch", record.Epoch)))
            Execute(connection, "INSERT OR REPLACE INTO metrics (trial_id, step, name, value) VALUES ($trial, $step, $name, $value)", transaction,
                ("$trial", trialId), ("$step", record.Step), ("$name", name), ("$value", double.IsFinite(value) ? value : (object)DBNull.Value));
        transaction.Commit();
    }

    /// <inheritdoc />
    public void AddArtifact(long trialId, TrialArtifact artifact)
    {
        var kind = KindName(artifact.Kind);
        using var transaction = connection.BeginTransaction();
        if (artifact.Kind == ArtifactKind.Checkpoint)
            Execute(connection, "DELETE FROM artifacts WHERE trial_id = $trial AND kind = $kind", transaction, ("$trial", trialId), ("$kind", kind));
        Execute(connection, "INSERT OR REPLACE INTO artifacts (trial_id, kind, epoch, step, bytes) VALUES ($trial, $kind, $epoch, $step, $bytes)", transaction,
            ("$trial", trialId), ("$kind", kind), ("$epoch", artifact.Epoch), ("$step", artifact.Step), ("$bytes", artifact.Bytes));
        transaction.Commit();
    }

    /// <inheritdoc />
    public void SetEvaluation(long trialId, QualityReport report) =>
        Execute(connection, """
            INSERT OR REPLACE INTO evaluations (trial_id, fid, coverage, classifier_score, largest_class_share, samples, class_counts)
            VALUES ($trial, $fid, $coverage, $score, $share, $samples, $counts)
            """, null, ("$trial", trialId), ("$fid", report.Fid), ("$coverage", report.Coverage), ("$score", report.ClassifierScore),
            ("$share", report.LargestClassShare), ("$samples", report.Samples), ("$counts", JsonSerializer.Serialize(report.ClassCounts)));

    /// <inheritdoc />
    public bool Finish(long trialId, string worker, string status, HealthFlags flags, string? error) =>
        Execute(connection, "UPDATE trials SET status = $status, flags = $flags, error = $error, finished = $finished, lease_until = NULL WHERE id = $id AND worker = $worker AND status = 'running'",
            null, ("$status", status), ("$flags", (int)flags), ("$error", error), ("$finished", DateTimeOffset.UtcNow.ToString("O")), ("$id", trialId), ("$worker", worker)) == 1;

    /// <inheritdoc />
    public int Requeue(string sweep) =>
        Execute(connection, """
            UPDATE trials SET status = 'queued', worker = NULL, lease_until = NULL
            WHERE sweep_id = (SELECT id FROM sweeps WHERE name = $sweep)
              AND (status = 'interrupted' OR (status = 'running' AND lease_until < $now))
            """, null, ("$sweep", sweep), ("$now", Now()));

    /// <inheritdoc />
    public IReadOnlyList<MetricRecord> Metrics(long trialId) =>
        MetricRecords("SELECT step, name, value FROM metrics WHERE trial_id = $trial ORDER BY step", trialId);

    /// <inheritdoc />
    public MetricRecord? LatestMetrics(long trialId) =>
        MetricRecords("SELECT step, name, value FROM metrics WHERE trial_id = $trial AND step = (SELECT max(step) FROM metrics WHERE trial_id = $trial)", trialId)
            .SingleOrDefault();

    private List<MetricRecord> MetricRecords(string sql, long trialId)
    {
        var rows = Query(connection, sql,
            r => (step: r.GetInt64(0), name: r.GetString(1), value: r.IsDBNull(2) ? double.NaN : r.GetDouble(2)), ("$trial", trialId));
        return rows.GroupBy(r => r.step).Select(g =>
        {
            var values = g.Where(r => r.name != "epoch").ToDictionary(r => r.name, r => r.value);
            var epoch = g.Where(r => r.name == "epoch").Select(r => (long)r.value).FirstOrDefault();
            return new MetricRecord(g.Key, epoch, values);
        }).ToList();
    }

    /// <inheritdoc />
    public StoredEvaluation? Evaluation(long trialId) =>
        Query(connection, "SELECT trial_id, fid, coverage, classifier_score, largest_class_share, samples, class_counts FROM evaluations WHERE trial_id = $trial",
            r => new StoredEvaluation(r.GetInt64(0), r.GetDouble(1), r.GetInt32(2), r.GetDouble(3), r.GetDouble(4), r.GetInt32(5),
                JsonSerializer.Deserialize<int[]>(r.GetString(6)) ?? []), ("$trial", trialId)).FirstOrDefault();

    /// <inheritdoc />
    public TrialArtifact? Artifact(long trialId, ArtifactKind kind, long? epoch = null) =>
        Query(connection, $"SELECT epoch, step, bytes FROM artifacts WHERE trial_id = $trial AND kind = $kind {(epoch is null ? "" : "AND epoch = $epoch")} ORDER BY epoch DESC LIMIT 1",
            r => new TrialArtifact(kind, r.GetInt64(0), r.GetInt64(1), (byte[])r.GetValue(2)),
            ("$trial", trialId), ("$kind", KindName(kind)), ("$epoch", epoch ?? 0)).FirstOrDefault();

    /// <summary>Closes the database.</summary>
    public void Dispose() => connection.Dispose();

    private static string KindName(ArtifactKind kind) => kind == ArtifactKind.SampleGrid ? "sample-grid" : "checkpoint";

    private static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    private static StoredSweep ReadSweep(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4), DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture));

    private static TrialRecord ReadTrial(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetInt32(2), TrialConfigJson.Read(r.GetString(3)), r.GetString(4), r.GetInt32(5),
            r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), (HealthFlags)r.GetInt32(8), r.GetInt64(9), r.GetInt64(10),
            r.IsDBNull(11) ? null : DateTimeOffset.Parse(r.GetString(11), CultureInfo.InvariantCulture),
            r.IsDBNull(12) ? null : DateTimeOffset.Parse(r.GetString(12), CultureInfo.InvariantCulture));

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction, (string, object?)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private static int Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string, object?)[] parameters)
    {
        using var command = Command(connection, sql, transaction, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string, object?)[] parameters)
    {
        using var command = Command(connection, sql, transaction, parameters);
        return command.ExecuteScalar();
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params (string, object?)[] parameters)
    {
        using var command = Command(connection, sql, null, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }
}
