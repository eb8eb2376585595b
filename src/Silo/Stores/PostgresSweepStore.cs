using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;
using Npgsql;
using Silo.Trials;

namespace Silo.Stores;

/// <summary>
/// The store a cluster shares: one PostgreSQL database. Connections come from a pool, one per
/// call, so the store is safe to use from several threads. Claims lock the next trial with
/// <c>FOR UPDATE SKIP LOCKED</c>, so concurrent workers never wait on, or take, the same trial;
/// leases and timestamps use the server's clock. A call that loses its connection to a transient
/// fault (a server restart) is retried for up to <see cref="RetryWindow"/>: every write is
/// idempotent or fenced by its claim, so a retry never duplicates a row.
/// </summary>
public sealed class PostgresSweepStore : SqlSweepStore, ISweepStore
{
    private static readonly string Held = SqlRows.Held(SqlDialect.Postgres);

    /// <summary>How long a call keeps retrying while the server is unreachable, before it fails.</summary>
    public static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(60);

    // A fixed key for pg_advisory_xact_lock: processes migrating the same database take turns.
    private const long MigrationLock = 0x5357_4545_5021;

    private readonly NpgsqlDataSource source;
    private readonly StoreLocation location;

    private PostgresSweepStore(StoreLocation location, IArtifactFiles? files) : base(SqlDialect.Postgres, files)
    {
        this.location = location;
        source = NpgsqlDataSource.Create(location.Target);
    }

    /// <summary>The schema version of this build.</summary>
    public static int SchemaVersion => PostgresMigrations.All.Count;

    /// <summary>Connects, and creates or upgrades the schema.</summary>
    /// <exception cref="StoreException">The server cannot be reached or refuses, the database holds another application's tables, or a newer sweep made it.</exception>
    public static PostgresSweepStore Open(StoreLocation location, IArtifactFiles? files = null) => Connect(location, files, store => store.Migrate());

    /// <summary>Connects only to read: nothing is created or upgraded.</summary>
    /// <exception cref="StoreException">The server cannot be reached, the database holds no sweeps, or its schema is not this version's.</exception>
    public static PostgresSweepStore OpenReadOnly(StoreLocation location, IArtifactFiles? files = null) => Connect(location, files, store => store.CheckReadable());

    private static PostgresSweepStore Connect(StoreLocation location, IArtifactFiles? files, Action<PostgresSweepStore> prepare)
    {
        var store = new PostgresSweepStore(location, files);
        try
        {
            prepare(store);
            return store;
        }
        catch (NpgsqlException e)
        {
            store.Dispose();
            throw PostgresErrors.Explain(e, location);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private void Migrate()
    {
        // Opening fails fast: retries are for a server that goes away after the store was reached.
        using var connection = source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Sql.Execute(connection, "SELECT pg_advisory_xact_lock(@key)", transaction, ("@key", MigrationLock));
        var version = SchemaVersionOf(connection, transaction);
        if (version > PostgresMigrations.All.Count)
            throw new StoreException(StoreErrorCode.NewerSchema, $"{location} has schema version {version}, newer than this sweep's {PostgresMigrations.All.Count}. Update sweep.");
        for (var next = version; next < PostgresMigrations.All.Count; next++)
        {
            Sql.Execute(connection, PostgresMigrations.All[next], transaction);
            Sql.Execute(connection, "UPDATE sweep_schema SET version = @version", transaction, ("@version", next + 1));
        }
        transaction.Commit();
    }

    private void CheckReadable()
    {
        using var connection = source.OpenConnection();
        var version = SchemaVersionOf(connection, null);
        if (version == 0)
            throw new StoreException(StoreErrorCode.Empty, $"{location} holds no sweeps yet. Run a sweep into it first (sweep run FILE --store {location}).");
        if (version > PostgresMigrations.All.Count)
            throw new StoreException(StoreErrorCode.NewerSchema, $"{location} has schema version {version}, newer than this sweep's {PostgresMigrations.All.Count}. Update sweep.");
        if (version < PostgresMigrations.All.Count)
            throw new StoreException(StoreErrorCode.OlderSchema,
                $"{location} was made by an older sweep (schema version {version}; this one reads {PostgresMigrations.All.Count}). Reading commands never change a store: upgrade it once with a command that writes, such as 'sweep resume SWEEP'.");
    }

    /// <summary>0 for a database without the sweep schema; refuses one whose "sweeps" table is another application's.</summary>
    private int SchemaVersionOf(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var tables = Sql.Query(connection, "SELECT to_regclass('sweep_schema') IS NOT NULL, to_regclass('sweeps') IS NOT NULL",
            r => (schema: r.GetBoolean(0), sweeps: r.GetBoolean(1)), transaction).Single();
        if (!tables.schema && tables.sweeps)
            throw new StoreException(StoreErrorCode.NotAStore,
                $"{location} is not a sweep store: it has a 'sweeps' table that another application made. It was left untouched; point --store at another database.");
        return tables.schema ? Convert.ToInt32(Sql.Scalar(connection, "SELECT version FROM sweep_schema", transaction)) : 0;
    }

    /// <summary>Runs <paramref name="work"/> on a pooled connection, retrying transient faults within <see cref="RetryWindow"/>.</summary>
    private protected override T Run<T>(Func<DbConnection, T> work)
    {
        var elapsed = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var connection = source.OpenConnection();
                return work(connection);
            }
            catch (NpgsqlException e) when (e.IsTransient && elapsed.Elapsed < RetryWindow)
            {
                Silo.Telemetry.SweepMetrics.StoreRetries.Add(1);
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(2000, 100 << Math.Min(attempt, 5))));
            }
            catch (NpgsqlException e)
            {
                throw PostgresErrors.Explain(e, location);
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction, committed when it returns.</summary>
    private T InTransaction<T>(Func<DbConnection, DbTransaction, T> work) => Run(connection =>
    {
        using var transaction = connection.BeginTransaction();
        var result = work(connection, transaction);
        transaction.Commit();
        return result;
    });

    /// <inheritdoc />
    public StoredSweep CreateSweep(NewSweep sweep, IReadOnlyList<TrialConfig> trials) => InTransaction((connection, transaction) =>
    {
        if (Sql.Scalar(connection, "SELECT 1 FROM sweeps WHERE name = @name", transaction, ("@name", sweep.Name)) is not null)
            throw new StoreException(StoreErrorCode.Conflict, $"A sweep named '{sweep.Name}' already exists in {location}.");
        var stored = Sql.Query(connection,
            "INSERT INTO sweeps AS s (name, file_text, metric, minimize, early_terminate, target, budget_s, search) VALUES (@name, @text, @metric, @minimize, @early, @target, @budget, @search) RETURNING " + SweepColumns,
            Dialect.Sweep, transaction, ("@name", sweep.Name), ("@text", sweep.Text), ("@metric", sweep.Metric), ("@minimize", sweep.Minimize), ("@early", sweep.EarlyTermination),
            ("@target", sweep.Target), ("@budget", sweep.Budget?.TotalSeconds), ("@search", sweep.Search)).Single();
        // One statement for every trial: a 10,000-trial sweep is one round trip, not 10,000.
        Sql.Execute(connection, """
            INSERT INTO trials (sweep_id, idx, config)
            SELECT @sweep, ordinality, config::json FROM unnest(@configs) WITH ORDINALITY AS c(config, ordinality)
            """, transaction, ("@sweep", stored.Id), ("@configs", trials.Select(t => t.ToJson()).ToArray()));
        return stored;
    });

    /// <inheritdoc />
    public TrialRecord AddTrial(string sweep, TrialConfig config, long? parent = null, int? index = null)
    {
        var id = Run(connection => Sql.Scalar(connection, """
            INSERT INTO trials (sweep_id, idx, config, parent_id)
            SELECT s.id, coalesce(@index::integer, (SELECT coalesce(max(idx), 0) + 1 FROM trials WHERE sweep_id = s.id)), @config::json, @parent::bigint FROM sweeps s WHERE s.name = @name
            RETURNING id
            """, null, ("@name", sweep), ("@config", config.ToJson()), ("@parent", parent), ("@index", index)));
        return id is long added ? Trial(added)! : throw new StoreException(StoreErrorCode.NotFound, $"No sweep named '{sweep}' in {location}.");
    }

    /// <inheritdoc />
    public IReadOnlyList<SweepSummary> ListSweeps() => Run(connection =>
    {
        var rows = Sql.Query(connection, $"""
            SELECT {SweepColumns}, t.status, count(t.id)
            FROM sweeps s LEFT JOIN trials t ON t.sweep_id = s.id
            GROUP BY s.id, t.status ORDER BY s.created DESC, s.id DESC
            """, r => (sweep: Dialect.Sweep(r), status: r.IsDBNull(10) ? null : r.GetString(10), count: r.GetInt32(11)));
        return rows.GroupBy(r => r.sweep.Id).Select(g => new SweepSummary(g.First().sweep,
            g.Where(r => r.status is not null).ToDictionary(r => r.status!, r => r.count))).ToList();
    });

    /// <inheritdoc />
    public TrialRecord? Claim(string sweep, string worker, TimeSpan lease) =>
        // A trial whose lease ran out goes first: its work is half done; coalesce looks for a queued
        // one only when there is none. Each pick locks the one row it takes and skips rows other
        // claims hold, so claims never queue behind each other. One statement, one round trip,
        // returns the claimed trial as a read would.
        Run(connection => Sql.Query(connection, $"""
            UPDATE trials AS t SET status = 'running', worker = @worker, lease_until = now() + @lease, attempts = t.attempts + 1,
                                   started = coalesce(t.started, now()), finished = NULL, error = NULL
            FROM sweeps s
            WHERE s.id = t.sweep_id AND t.id = coalesce({Pick("p.status = 'running' AND p.lease_until < now()", "p.lease_until")}, {Pick("p.status = 'queued'", "p.idx")})
            RETURNING {TrialColumns}
            """, Dialect.Trial, ("@worker", worker), ("@lease", lease), ("@sweep", sweep))).SingleOrDefault();

    /// <summary>A subquery that locks and returns the id of the sweep's first trial meeting <paramref name="condition"/> by <paramref name="order"/>, skipping locked rows.</summary>
    private static string Pick(string condition, string order) => $"""
        (SELECT p.id FROM trials p
         WHERE p.sweep_id = (SELECT id FROM sweeps WHERE name = @sweep) AND {condition}
         ORDER BY {order} LIMIT 1 FOR UPDATE SKIP LOCKED)
        """;

    /// <inheritdoc />
    public bool Heartbeat(TrialClaim claim, TimeSpan lease, long step, long totalSteps) =>
        Run(connection => Sql.Execute(connection, $"UPDATE trials SET lease_until = now() + @lease, step = @step, total_steps = @total WHERE {Held}",
            null, [("@lease", lease), ("@step", step), ("@total", totalSteps), .. SqlRows.Of(claim, Dialect)]) == 1);

    /// <inheritdoc />
    public void Record(TrialClaim claim, TrialWrites writes) => Artifacts.Commit(claim, writes.Artifacts, placed => InTransaction((connection, transaction) =>
    {
        // FOR SHARE holds off a new claim (an UPDATE of the row) until these writes commit.
        if (Sql.Scalar(connection, $"SELECT 1 FROM trials WHERE {Held} FOR SHARE", transaction, SqlRows.Of(claim, Dialect)) is null)
            throw StoreException.LostClaim(claim);
        // Every write in one command, one round trip: on a busy server a round trip costs more than
        // its statement, and a one-step trial's last group has a dozen.
        var (sql, parameters) = RecordStatements(claim, writes, placed);
        var replaced = Sql.Query(connection, sql, SqlRows.File, transaction, [.. parameters]);
        return (IReadOnlyList<string>)[.. replaced.OfType<string>(), .. writes.FilesNotStored(placed)];
    }));

    /// <summary>
    /// The statements that store <paramref name="writes"/>, the first returning the files of the
    /// artifact rows they replace (if they replace any), with their parameters.
    /// </summary>
    private static (string Sql, List<(string, object?)> Parameters) RecordStatements(TrialClaim claim, TrialWrites writes, IReadOnlyList<PlacedArtifact> placed)
    {
        var replacedKinds = writes.ReplacedKinds.Select(ArtifactKinds.Name).ToArray();
        var statements = new List<string>();
        var parameters = new List<(string, object?)> { ("@id", claim.TrialId) };
        if (replacedKinds.Length > 0)
        {
            statements.Add("DELETE FROM artifacts WHERE trial_id = @id AND kind = ANY(@replaced) RETURNING file");
            parameters.Add(("@replaced", replacedKinds));
        }
        for (var i = 0; i < writes.Artifacts.Count; i++)
        {
            if (!writes.Stores(i))
                continue;
            var (artifact, at) = (writes.Artifacts[i], placed[i]);
            statements.Add($"""
                INSERT INTO artifacts (trial_id, kind, epoch, step, bytes, file, size, sha256) VALUES (@id, @kind{i}, @epoch{i}, @step{i}, @bytes{i}, @file{i}, @size{i}, @sha{i})
                ON CONFLICT (trial_id, kind, epoch) DO UPDATE SET step = excluded.step, bytes = excluded.bytes, file = excluded.file, size = excluded.size, sha256 = excluded.sha256
                """);
            parameters.AddRange([($"@kind{i}", ArtifactKinds.Name(artifact.Kind)), ($"@epoch{i}", artifact.Epoch), ($"@step{i}", artifact.Step),
                ($"@bytes{i}", at.Bytes), ($"@file{i}", at.File?.Key), ($"@size{i}", at.File?.Size), ($"@sha{i}", at.File?.Sha256)]);
        }
        if (writes.Evaluation is { } report)
        {
            statements.Add("""
                INSERT INTO evaluations (trial_id, fid, coverage, classifier_score, largest_class_share, samples, class_counts, step)
                VALUES (@id, @fid, @coverage, @score, @share, @samples, @counts, @evaluated)
                ON CONFLICT (trial_id) DO UPDATE SET fid = excluded.fid, coverage = excluded.coverage, classifier_score = excluded.classifier_score,
                    largest_class_share = excluded.largest_class_share, samples = excluded.samples, class_counts = excluded.class_counts, step = excluded.step
                """);
            parameters.AddRange([("@fid", report.Fid), ("@coverage", report.Coverage), ("@score", report.ClassifierScore),
                ("@share", report.LargestClassShare), ("@samples", report.Samples), ("@counts", report.ClassCounts.ToArray()), ("@evaluated", report.Step)]);
        }
        if (writes.Metrics.Count > 0)
        {
            // A name written twice at a step keeps the later value, as one write after another would.
            var values = writes.Metrics.SelectMany(r => r.Values.Append(new("epoch", r.Epoch)).Select(v => (r.Step, Name: v.Key, v.Value)))
                .GroupBy(v => (v.Step, v.Name)).Select(g => g.Last()).ToList();
            statements.Add("""
                INSERT INTO metrics (trial_id, step, name, value)
                SELECT @id, step, name, value FROM unnest(@steps, @names, @values) AS m(step, name, value)
                ON CONFLICT (trial_id, step, name) DO UPDATE SET value = excluded.value
                """);
            parameters.AddRange([("@steps", values.Select(v => v.Step).ToArray()), ("@names", values.Select(v => v.Name).ToArray()),
                ("@values", values.Select(v => double.IsFinite(v.Value) ? v.Value : (double?)null).ToArray())]);
        }
        if (writes.Progress is { } progress)
        {
            statements.Add("UPDATE trials SET step = @reached, total_steps = @total WHERE id = @id");
            parameters.AddRange([("@reached", progress.Step), ("@total", progress.TotalSteps)]);
        }
        if (writes.End is { } end)
        {
            statements.Add("UPDATE trials SET status = @status, flags = @flags, error = @error, finished = now(), lease_until = NULL WHERE id = @id");
            parameters.AddRange([("@status", end.Status), ("@flags", (int)end.Flags), ("@error", end.Error)]);
        }
        return (string.Join(";\n", statements), parameters);
    }

    /// <inheritdoc />
    public void DropCheckpoints(IReadOnlyCollection<long> trials) =>
        Artifacts.Delete(InTransaction((connection, transaction) =>
            DeleteArtifacts(connection, transaction, "trial_id = ANY(@ids) AND kind = @kind", ("@ids", trials.ToArray()), ("@kind", ArtifactKinds.Name(ArtifactKind.Checkpoint)))));

    /// <summary>Deletes the artifact rows <paramref name="where"/> selects; returns the keys of their files.</summary>
    private static List<string> DeleteArtifacts(DbConnection connection, DbTransaction transaction, string where, params (string, object?)[] parameters) =>
        Sql.Query(connection, $"DELETE FROM artifacts WHERE {where} RETURNING file", SqlRows.File, transaction, parameters)
            .OfType<string>().ToList();

    /// <inheritdoc />
    public int Requeue(string sweep, IReadOnlyCollection<string> retry, bool fromStart = false)
    {
        var (count, dropped) = InTransaction((connection, transaction) => RequeueRows(connection, transaction, sweep, retry, fromStart));
        Artifacts.Delete(dropped);
        return count;
    }

    private static (int Count, List<string> Dropped) RequeueRows(DbConnection connection, DbTransaction transaction, string sweep, IReadOnlyCollection<string> retry, bool fromStart)
    {
        var sweepId = Sql.Scalar(connection, "SELECT id FROM sweeps WHERE name = @sweep", transaction, ("@sweep", sweep));
        // As in the SQLite store: diverged trials, and failed ones asked to start over, restart from nothing.
        var restart = retry.Where(state => state == TrialStates.Diverged || fromStart).ToArray();
        List<string> dropped = [];
        if (restart.Length > 0)
        {
            const string restarting = "SELECT id FROM trials WHERE sweep_id = @sweep AND status = ANY(@restart)";
            foreach (var table in new[] { "metrics", "evaluations" })
                Sql.Execute(connection, $"DELETE FROM {table} WHERE trial_id IN ({restarting})", transaction, ("@sweep", sweepId), ("@restart", restart));
            dropped = DeleteArtifacts(connection, transaction, $"trial_id IN ({restarting})", ("@sweep", sweepId), ("@restart", restart));
            Sql.Execute(connection, $"UPDATE trials SET flags = 0, step = 0 WHERE id IN ({restarting})", transaction, ("@sweep", sweepId), ("@restart", restart));
        }
        var count = Sql.Execute(connection, """
            UPDATE trials SET status = 'queued', worker = NULL, lease_until = NULL, error = NULL, finished = NULL
            WHERE sweep_id = @sweep AND (status = ANY(@states) OR (status = 'running' AND lease_until < now()))
            """, transaction, ("@sweep", sweepId), ("@states", retry.Append(TrialStates.Interrupted).Distinct().ToArray()));
        return (count, dropped);
    }

    /// <inheritdoc />
    public int StopQueued(string sweep, string reason) =>
        Run(connection => Sql.Execute(connection, """
            UPDATE trials SET status = 'stopped', error = @reason, finished = now()
            WHERE status = 'queued' AND sweep_id = (SELECT id FROM sweeps WHERE name = @sweep)
            """, null, ("@reason", reason), ("@sweep", sweep)));

    /// <inheritdoc />
    public bool Release(TrialClaim claim, int maxAttempts, string reason) =>
        Run(connection => Sql.Execute(connection, $"""
            UPDATE trials SET status = CASE WHEN attempts >= @max THEN 'failed' ELSE 'queued' END,
                              error = CASE WHEN attempts >= @max THEN @reason ELSE NULL END,
                              finished = CASE WHEN attempts >= @max THEN now() ELSE NULL END,
                              worker = NULL, lease_until = NULL
            WHERE {Held}
            """, null, [("@max", maxAttempts), ("@reason", reason), .. SqlRows.Of(claim, Dialect)]) == 1);

    /// <summary>Closes the pool's connections.</summary>
    public void Dispose() => source.Dispose();

}
