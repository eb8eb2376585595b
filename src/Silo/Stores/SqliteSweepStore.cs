using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Runtime;
using Gan.Core.Training;
using Microsoft.Data.Sqlite;
using Silo.Trials;

namespace Silo.Stores;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with a busy timeout, so that several worker
/// processes on one machine write to it safely.
/// </summary>
public sealed class SqliteSweepStore : SqlSweepStore, ISweepStore
{
    private static readonly string Held = SqlRows.Held(SqlDialect.Sqlite);

    private readonly SqliteConnection connection;
    private readonly string path;

    private SqliteSweepStore(SqliteConnection connection, string path, IArtifactFiles? files) : base(SqlDialect.Sqlite, files)
    {
        this.connection = connection;
        this.path = path;
    }

    /// <summary>Opens for writing a database that must already exist (for commands that continue a sweep).</summary>
    /// <exception cref="StoreException">There is no such file, or it is not a sweep database.</exception>
    public static SqliteSweepStore OpenExisting(string path, IArtifactFiles? files = null)
    {
        StoreFile.RequireFile(path);
        return Connect(path, files, readOnly: false);
    }

    /// <summary>
    /// Opens an existing database only to read it: nothing is created, migrated or switched to
    /// WAL, so a file of another application, or one on read-only media, is left as it was.
    /// </summary>
    /// <exception cref="StoreException">There is no such file, it is not a sweep database, or its schema is not this version's.</exception>
    public static SqliteSweepStore OpenReadOnly(string path, IArtifactFiles? files = null)
    {
        StoreFile.RequireFile(path);
        return Connect(path, files, readOnly: true);
    }

    /// <summary>Opens (creating if needed) and upgrades the database at <paramref name="path"/>; large artifacts go to <paramref name="files"/>, or into the database without any.</summary>
    /// <exception cref="StoreException">The file is not a sweep database, cannot be written, or a newer sweep made it.</exception>
    public static SqliteSweepStore Open(string path, IArtifactFiles? files = null)
    {
        StoreFile.RequireFileOrNothing(path);
        return Connect(path, files, readOnly: false);
    }

    private static SqliteSweepStore Connect(string path, IArtifactFiles? files, bool readOnly)
    {
        try
        {
            return Connect(path, path, files, readOnly);
        }
        catch (StoreException e) when (readOnly && e.Code is StoreErrorCode.ReadOnly or StoreErrorCode.Unavailable)
        {
            // A WAL database in a read-only folder cannot be opened even to read: SQLite wants to
            // create its shared-memory file beside it. Read-only media hold no writer, so the
            // file can be opened as immutable, which needs no such file.
            return Connect($"{new Uri(Path.GetFullPath(path)).AbsoluteUri}?immutable=1", path, files, readOnly);
        }
    }

    private static SqliteSweepStore Connect(string source, string path, IArtifactFiles? files, bool readOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = source,
            Pooling = false,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        }.ToString());
        try
        {
            connection.Open();
            Sql.Execute(connection, "PRAGMA busy_timeout = 30000;");
            if (readOnly)
                CheckSchema(connection, path, SchemaVersionOf(connection, null), readOnly: true);
            else
            {
                Sql.Execute(connection, "PRAGMA foreign_keys = ON;");
                // Migrate checks the file first: switching to WAL rewrites the header, and a
                // file that is not a sweep store must be left exactly as it was.
                Migrate(connection, path);
                Sql.Execute(connection, "PRAGMA journal_mode = WAL;");
                // In WAL mode, NORMAL syncs at checkpoints rather than at every commit: a process
                // killed mid-trial loses nothing, and the file is never corrupted; only a power
                // loss may undo the last commits, whose trials then train again. A trial of a
                // few steps commits about eight times, and the syncs were a fifth of its time.
                Sql.Execute(connection, "PRAGMA synchronous = NORMAL;");
            }
            return new SqliteSweepStore(connection, path, files);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw SqliteErrors.Explain(e, path);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    private protected override T Run<T>(Func<DbConnection, T> work) => Explained(() => work(connection));

    /// <summary>
    /// Runs <paramref name="work"/>, saying what a SQLite error means (a full disk, a read-only
    /// file) rather than its code: a trainer's write that fails so fails its trial with that message.
    /// </summary>
    private T Explained<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Explain(e, path);
        }
    }

    /// <summary>The schema version of this build.</summary>
    public static int SchemaVersion => Migrations.All.Count;

    private static void Migrate(SqliteConnection connection, string path)
    {
        // BEGIN IMMEDIATE takes the write lock before the version is read, so that two processes
        // creating the same new file cannot both see version 0 and both create the tables.
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = SchemaVersionOf(connection, transaction);
        CheckSchema(connection, path, version, readOnly: false, transaction);
        for (var next = version; next < Migrations.All.Count; next++)
        {
            Sql.Execute(connection, Migrations.All[next], transaction);
            Sql.Execute(connection, $"PRAGMA user_version = {next + 1};", transaction);
        }
        transaction.Commit();
    }

    private static int SchemaVersionOf(SqliteConnection connection, SqliteTransaction? transaction) =>
        Convert.ToInt32(Sql.Scalar(connection, "PRAGMA user_version;", transaction), CultureInfo.InvariantCulture);

    /// <summary>Refuses files that are not sweep stores, and versions this build cannot use as they are.</summary>
    private static void CheckSchema(SqliteConnection connection, string path, int version, bool readOnly, SqliteTransaction? transaction = null)
    {
        var tables = Sql.Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", r => r.GetString(0), transaction);
        if ((version == 0 && tables.Count > 0) || (version > 0 && !tables.Contains("sweeps")))
            throw new StoreException(StoreErrorCode.NotAStore,
                $"{path} is not a sweep database: it holds another application's tables ({string.Join(", ", tables.Take(5))}{(tables.Count > 5 ? ", …" : "")}). It was left untouched; point --store at a sweep database or a new file.");
        if (version > Migrations.All.Count)
            throw new StoreException(StoreErrorCode.NewerSchema, $"{path} has schema version {version}, newer than this sweep's {Migrations.All.Count}. Update sweep.");
        if (readOnly && version == 0)
            throw new StoreException(StoreErrorCode.NotAStore, $"{path} is empty, not a sweep database. Run a sweep into it first, or point --store at a sweep database.");
        if (readOnly && version < Migrations.All.Count)
            throw new StoreException(StoreErrorCode.OlderSchema,
                $"{path} was made by an older sweep (schema version {version}; this one reads {Migrations.All.Count}). Reading commands never change a file: upgrade it once with a command that writes, such as 'sweep resume SWEEP'.");
    }

    /// <inheritdoc />
    public StoredSweep CreateSweep(NewSweep sweep, IReadOnlyList<TrialConfig> trials)
    {
        using var transaction = connection.BeginTransaction();
        if (Sql.Scalar(connection, "SELECT 1 FROM sweeps WHERE name = $name", transaction, ("$name", sweep.Name)) is not null)
            throw new StoreException(StoreErrorCode.Conflict, $"A sweep named '{sweep.Name}' already exists in {path}.");
        var created = DateTimeOffset.UtcNow;
        var id = (long)Sql.Scalar(connection,
            "INSERT INTO sweeps (name, file_text, metric, minimize, created, early_terminate, target, budget_s, search) VALUES ($name, $text, $metric, $minimize, $created, $early, $target, $budget, $search) RETURNING id",
            transaction, ("$name", sweep.Name), ("$text", sweep.Text), ("$metric", sweep.Metric), ("$minimize", sweep.Minimize), ("$created", created.ToString("O")),
            ("$early", sweep.EarlyTermination), ("$target", sweep.Target), ("$budget", sweep.Budget?.TotalSeconds), ("$search", sweep.Search))!;
        for (var i = 0; i < trials.Count; i++)
            Sql.Execute(connection, "INSERT INTO trials (sweep_id, idx, config) VALUES ($sweep, $idx, $config)", transaction,
                ("$sweep", id), ("$idx", i + 1), ("$config", trials[i].ToJson()));
        transaction.Commit();
        return new StoredSweep(id, sweep.Name, sweep.Text, sweep.Metric, sweep.Minimize, created, sweep.EarlyTermination) { Target = sweep.Target, Budget = sweep.Budget, Search = sweep.Search };
    }

    /// <inheritdoc />
    public TrialRecord AddTrial(string sweep, TrialConfig config, long? parent = null, int? index = null)
    {
        var id = Sql.Scalar(connection, """
            INSERT INTO trials (sweep_id, idx, config, parent_id)
            SELECT s.id, coalesce($index, (SELECT coalesce(max(idx), 0) + 1 FROM trials WHERE sweep_id = s.id)), $config, $parent FROM sweeps s WHERE s.name = $name
            RETURNING id
            """, null, ("$name", sweep), ("$config", config.ToJson()), ("$parent", parent), ("$index", index));
        return id is long added ? Trial(added)! : throw new StoreException(StoreErrorCode.NotFound, $"No sweep named '{sweep}' in {path}.");
    }

    /// <inheritdoc />
    public IReadOnlyList<SweepSummary> ListSweeps()
    {
        var sweeps = Sql.Query(connection, $"SELECT {SweepColumns} FROM sweeps s ORDER BY s.created DESC, s.id DESC", Dialect.Sweep);
        return sweeps.Select(s => new SweepSummary(s, Sql.Query(connection, "SELECT status, count(*) FROM trials WHERE sweep_id = $id GROUP BY status",
            r => (status: r.GetString(0), count: r.GetInt32(1)), ("$id", s.Id)).ToDictionary(p => p.status, p => p.count))).ToList();
    }

    /// <inheritdoc />
    public TrialRecord? Claim(string sweep, string worker, TimeSpan lease)
    {
        var now = Now();
        // Two seeks of trials_by_state, each ordered by index, rather than one OR that SQLite
        // answers by walking the sweep's trials from its first, ended ones included.
        var id = Sql.Scalar(connection, """
            UPDATE trials SET status = 'running', worker = $worker, lease_until = $until, attempts = attempts + 1,
                              started = coalesce(started, $started), finished = NULL, error = NULL
            WHERE id = (SELECT id FROM (
                            SELECT * FROM (SELECT id, idx FROM trials WHERE sweep_id = (SELECT id FROM sweeps WHERE name = $sweep)
                                           AND status = 'running' AND lease_until < $now ORDER BY idx LIMIT 1)
                            UNION ALL
                            SELECT * FROM (SELECT id, idx FROM trials WHERE sweep_id = (SELECT id FROM sweeps WHERE name = $sweep)
                                           AND status = 'queued' ORDER BY idx LIMIT 1))
                        ORDER BY idx LIMIT 1)
            RETURNING id
            """, null, ("$worker", worker), ("$until", now + lease.TotalSeconds), ("$started", DateTimeOffset.UtcNow.ToString("O")), ("$sweep", sweep), ("$now", now));
        return id is long claimed ? Trial(claimed) : null;
    }

    /// <inheritdoc />
    public bool Heartbeat(TrialClaim claim, TimeSpan lease, long step, long totalSteps) => Explained(() =>
        Sql.Execute(connection, $"UPDATE trials SET lease_until = $until, step = $step, total_steps = $total WHERE {Held}",
            null, [("$until", Now() + lease.TotalSeconds), ("$step", step), ("$total", totalSteps), .. SqlRows.Of(claim, Dialect)]) == 1);

    /// <inheritdoc />
    public void Record(TrialClaim claim, TrialWrites writes) => Artifacts.Commit(claim, writes.Artifacts, placed => Explained(() =>
    {
        // IMMEDIATE takes the write lock before the check, so no claim can change between the check and the writes.
        using var transaction = connection.BeginTransaction(deferred: false);
        if (Sql.Scalar(connection, $"SELECT 1 FROM trials WHERE {Held}", transaction, SqlRows.Of(claim, Dialect)) is null)
            throw StoreException.LostClaim(claim);
        var trial = ("$trial", (object?)claim.TrialId);
        List<string> replaced = [.. writes.FilesNotStored(placed)];
        foreach (var kind in writes.ReplacedKinds)
            replaced.AddRange(DeleteArtifacts("trial_id = $trial AND kind = $kind", transaction, trial, ("$kind", ArtifactKinds.Name(kind))));
        for (var i = 0; i < writes.Artifacts.Count; i++)
        {
            if (!writes.Stores(i))
                continue;
            var (artifact, at) = (writes.Artifacts[i], placed[i]);
            Sql.Execute(connection, """
                INSERT OR REPLACE INTO artifacts (trial_id, kind, epoch, step, bytes, file, size, sha256)
                VALUES ($trial, $kind, $epoch, $step, $bytes, $file, $size, $sha256)
                """, transaction, trial, ("$kind", ArtifactKinds.Name(artifact.Kind)), ("$epoch", artifact.Epoch), ("$step", artifact.Step),
                ("$bytes", at.Bytes), ("$file", at.File?.Key), ("$size", at.File?.Size), ("$sha256", at.File?.Sha256));
        }
        if (writes.Evaluation is { } report)
            Sql.Execute(connection, """
                INSERT OR REPLACE INTO evaluations (trial_id, fid, coverage, classifier_score, largest_class_share, samples, class_counts, step)
                VALUES ($trial, $fid, $coverage, $score, $share, $samples, $counts, $step)
                """, transaction, trial, ("$fid", report.Fid), ("$coverage", report.Coverage), ("$score", report.ClassifierScore),
                ("$share", report.LargestClassShare), ("$samples", report.Samples), ("$counts", JsonSerializer.Serialize(report.ClassCounts)), ("$step", report.Step));
        foreach (var record in writes.Metrics)
            foreach (var (name, value) in record.Values.Append(new("epoch", record.Epoch)))
                Sql.Execute(connection, "INSERT OR REPLACE INTO metrics (trial_id, step, name, value) VALUES ($trial, $step, $name, $value)", transaction,
                    trial, ("$step", record.Step), ("$name", name), ("$value", double.IsFinite(value) ? value : (object)DBNull.Value));
        if (writes.Progress is { } progress)
            Sql.Execute(connection, "UPDATE trials SET step = $step, total_steps = $total WHERE id = $trial", transaction,
                trial, ("$step", progress.Step), ("$total", progress.TotalSteps));
        if (writes.End is { } end)
            Sql.Execute(connection, "UPDATE trials SET status = $status, flags = $flags, error = $error, finished = $finished, lease_until = NULL WHERE id = $trial",
                transaction, trial, ("$status", end.Status), ("$flags", (int)end.Flags), ("$error", end.Error), ("$finished", DateTimeOffset.UtcNow.ToString("O")));
        transaction.Commit();
        return replaced;
    }));

    /// <inheritdoc />
    public void DropCheckpoints(IReadOnlyCollection<long> trials)
    {
        if (trials.Count == 0)
            return;
        List<string> dropped;
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            dropped = DeleteArtifacts($"trial_id IN ({string.Join(", ", trials)}) AND kind = $kind", transaction, ("$kind", ArtifactKinds.Name(ArtifactKind.Checkpoint)));
            transaction.Commit();
        }
        Artifacts.Delete(dropped);
    }

    /// <summary>Deletes the artifact rows <paramref name="where"/> selects; returns the keys of their files.</summary>
    private List<string> DeleteArtifacts(string where, SqliteTransaction transaction, params (string, object?)[] parameters) =>
        Sql.Query(connection, $"DELETE FROM artifacts WHERE {where} RETURNING file", SqlRows.File, transaction, parameters)
            .OfType<string>().ToList();

    /// <inheritdoc />
    public int Requeue(string sweep, IReadOnlyCollection<string> retry, bool fromStart = false)
    {
        using var transaction = connection.BeginTransaction();
        var sweepId = Sql.Scalar(connection, "SELECT id FROM sweeps WHERE name = $sweep", transaction, ("$sweep", sweep));
        // Resuming a diverged trial from its checkpoint would only diverge again, and a failed
        // one asked to start over may hold a checkpoint this version cannot read: these restart
        // from nothing, so their old records go.
        var restart = retry.Where(state => state == TrialStates.Diverged || fromStart).ToList();
        List<string> dropped = [];
        if (restart.Count > 0)
        {
            var restarting = $"SELECT id FROM trials WHERE sweep_id = $sweep AND status IN ({string.Join(", ", restart.Select(s => $"'{s}'"))})";
            foreach (var table in new[] { "metrics", "evaluations" })
                Sql.Execute(connection, $"DELETE FROM {table} WHERE trial_id IN ({restarting})", transaction, ("$sweep", sweepId));
            dropped = DeleteArtifacts($"trial_id IN ({restarting})", transaction, ("$sweep", sweepId));
            Sql.Execute(connection, $"UPDATE trials SET flags = 0, step = 0 WHERE id IN ({restarting})", transaction, ("$sweep", sweepId));
        }
        var states = retry.Append(TrialStates.Interrupted).Distinct().ToList();
        var parameters = states.Select((state, i) => ($"$s{i}", (object?)state)).Append(("$sweep", sweepId)).Append(("$now", Now())).ToArray();
        var count = Sql.Execute(connection, $"""
            UPDATE trials SET status = 'queued', worker = NULL, lease_until = NULL, error = NULL, finished = NULL
            WHERE sweep_id = $sweep
              AND (status IN ({string.Join(", ", states.Select((_, i) => $"$s{i}"))}) OR (status = 'running' AND lease_until < $now))
            """, transaction, parameters);
        transaction.Commit();
        Artifacts.Delete(dropped);
        return count;
    }

    /// <inheritdoc />
    public int StopQueued(string sweep, string reason) =>
        Sql.Execute(connection, """
            UPDATE trials SET status = 'stopped', error = $reason, finished = $finished
            WHERE status = 'queued' AND sweep_id = (SELECT id FROM sweeps WHERE name = $sweep)
            """, null, ("$reason", reason), ("$finished", DateTimeOffset.UtcNow.ToString("O")), ("$sweep", sweep));

    /// <inheritdoc />
    public bool Release(TrialClaim claim, int maxAttempts, string reason) =>
        Sql.Execute(connection, $"""
            UPDATE trials SET status = CASE WHEN attempts >= $max THEN 'failed' ELSE 'queued' END,
                              error = CASE WHEN attempts >= $max THEN $reason ELSE NULL END,
                              finished = CASE WHEN attempts >= $max THEN $finished ELSE NULL END,
                              worker = NULL, lease_until = NULL
            WHERE {Held}
            """, null, [("$max", maxAttempts), ("$reason", reason), ("$finished", DateTimeOffset.UtcNow.ToString("O")), .. SqlRows.Of(claim, Dialect)]) == 1;

    /// <summary>Closes the database.</summary>
    public void Dispose() => connection.Dispose();

    private static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

}
