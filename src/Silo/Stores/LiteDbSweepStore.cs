using System.Globalization;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;
using LiteDB;
using Silo.Trials;

namespace Silo.Stores;

/// <summary>
/// The design card's database as a store for one machine: one LiteDB file in shared mode, which
/// serialises every process through one lock held for the length of each transaction. A trial's
/// writes are a document each (a metric record is one document, not a row per value), and
/// leases are kept on this machine's clock, which is the database's own for a local file.
/// </summary>
public sealed class LiteDbSweepStore : ISweepStore
{
    /// <summary>The schema version of this build.</summary>
    public const int SchemaVersion = 1;

    private const string Meta = "meta";
    private readonly LiteDatabase database;
    private readonly string path;
    private readonly ArtifactPlacement artifacts;
    private readonly ILiteCollection<BsonDocument> sweeps;
    private readonly ILiteCollection<BsonDocument> trials;
    private readonly ILiteCollection<BsonDocument> metrics;
    private readonly ILiteCollection<BsonDocument> evaluations;
    private readonly ILiteCollection<BsonDocument> artifactRows;

    private LiteDbSweepStore(LiteDatabase database, string path, IArtifactFiles? files)
    {
        this.database = database;
        this.path = path;
        artifacts = new ArtifactPlacement(files);
        sweeps = database.GetCollection("sweeps", BsonAutoId.Int64);
        trials = database.GetCollection("trials", BsonAutoId.Int64);
        metrics = database.GetCollection("metrics");
        evaluations = database.GetCollection("evaluations");
        artifactRows = database.GetCollection("artifacts", BsonAutoId.Int64);
    }

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/>; large artifacts go to <paramref name="files"/>, or into the database without any.</summary>
    /// <exception cref="StoreException">The file is not a sweep database, cannot be written, or a newer sweep made it.</exception>
    public static LiteDbSweepStore Open(string path, IArtifactFiles? files = null)
    {
        StoreFile.RequireFileOrNothing(path);
        return Connect(path, files, readOnly: false);
    }

    /// <summary>Opens for writing a database that must already exist.</summary>
    /// <exception cref="StoreException">There is no such file, or it is not a sweep database.</exception>
    public static LiteDbSweepStore OpenExisting(string path, IArtifactFiles? files = null)
    {
        StoreFile.RequireFile(path);
        return Connect(path, files, readOnly: false);
    }

    /// <summary>Opens an existing database only to read it: nothing is created or upgraded.</summary>
    /// <exception cref="StoreException">There is no such file, or it is not a sweep database of this version.</exception>
    public static LiteDbSweepStore OpenReadOnly(string path, IArtifactFiles? files = null)
    {
        StoreFile.RequireFile(path);
        return Connect(path, files, readOnly: true);
    }

    private static LiteDbSweepStore Connect(string path, IArtifactFiles? files, bool readOnly)
    {
        var existed = File.Exists(path) && new FileInfo(path).Length > 0;
        // LiteDB would rewrite a file that is not its own while failing to open it; a look at its
        // header first leaves another program's file exactly as it was.
        if (existed && !HasLiteDbHeader(path))
            throw new StoreException(StoreErrorCode.NotAStore,
                $"{path} is not a LiteDB database (its header says so). It was left untouched; point --store at a sweep database or a new file, or drop 'litedb:' if it is a SQLite file.");
        LiteDatabase? database = null;
        try
        {
            database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Shared, ReadOnly = readOnly });
            var store = new LiteDbSweepStore(database, path, files);
            store.Migrate(existed, readOnly);
            return store;
        }
        catch (LiteException e)
        {
            database?.Dispose();
            throw Explain(e, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            database?.Dispose();
            throw new StoreException(e is UnauthorizedAccessException ? StoreErrorCode.AccessDenied : StoreErrorCode.Unavailable,
                $"{path} cannot be opened ({e.Message.TrimEnd('.')}). Check the file's permissions and the disk, or point --store elsewhere.");
        }
        catch
        {
            database?.Dispose();
            throw;
        }
    }

    /// <summary>Whether the file starts as every LiteDB 5 data file does: its header page names it at byte 32.</summary>
    private static bool HasLiteDbHeader(string path)
    {
        var header = new byte[HeaderInfo.Length + HeaderInfoAt];
        try
        {
            using var file = File.OpenRead(path);
            return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
                   && header.AsSpan(HeaderInfoAt).SequenceEqual(HeaderInfo);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable here means unreadable to LiteDB too, which then says why.
            return true;
        }
    }

    private const int HeaderInfoAt = 32;

    private static ReadOnlySpan<byte> HeaderInfo => "** This is a LiteDB file **"u8;

    /// <summary>A LiteDB error as a store error that says what to do.</summary>
    private static StoreException Explain(LiteException e, string path) =>
        e.ErrorCode is LiteException.INVALID_DATABASE or LiteException.FILE_NOT_FOUND or LiteException.INVALID_DATAFILE_STATE
            ? new StoreException(StoreErrorCode.NotAStore, $"{path} is not a sweep database ({e.Message.TrimEnd('.')}). It was left untouched; point --store at a sweep database or a new file.")
            : new StoreException(StoreErrorCode.Unavailable, $"{path}: {e.Message.TrimEnd('.')}.");

    /// <summary>Creates the indexes of a new file, and refuses files that are not sweep stores of a version this build reads.</summary>
    private void Migrate(bool existed, bool readOnly)
    {
        var meta = database.GetCollection(Meta);
        var version = meta.FindById("schema")?["version"].AsInt32 ?? 0;
        var names = database.GetCollectionNames().Where(n => n != Meta).ToList();
        if (existed && version == 0 && names.Count > 0)
            throw new StoreException(StoreErrorCode.NotAStore,
                $"{path} is not a sweep database: it holds another application's collections ({string.Join(", ", names.Take(5))}). It was left untouched; point --store at a sweep database or a new file.");
        if (version > SchemaVersion)
            throw new StoreException(StoreErrorCode.NewerSchema, $"{path} has schema version {version}, newer than this sweep's {SchemaVersion}. Update sweep.");
        if (readOnly && version == 0)
            throw new StoreException(StoreErrorCode.NotAStore, $"{path} is empty, not a sweep database. Run a sweep into it first, or point --store at a sweep database.");
        if (readOnly || version == SchemaVersion)
            return;
        InTransaction(() =>
        {
            sweeps.EnsureIndex("name", unique: true);
            trials.EnsureIndex("sweep");
            trials.EnsureIndex("worker");
            trials.EnsureIndex(QueueKey, QueueKeyExpression);
            metrics.EnsureIndex("trial");
            artifactRows.EnsureIndex("trial");
            meta.Upsert(new BsonDocument { ["_id"] = "schema", ["version"] = SchemaVersion });
            return 0;
        });
    }

    // A trial's sweep, state and index in one ordered key: the next queued trial is the first key
    // under "SWEEP|queued|", and a state's count is read from the index alone, however many
    // trials the sweep holds (a claim scanned the whole sweep before: 200 ms at 10,000 trials).
    private const string QueueKey = "queue";
    private const string QueueKeyExpression = "$.sweep + '|' + $.status + '|' + LPAD(STRING($.idx), 10, '0')";

    private static BsonExpression InState(string sweep, string status) => Query.StartsWith(QueueKeyExpression, $"{sweep}|{status}|");

    /// <summary>Runs <paramref name="work"/> as one transaction: in shared mode it holds the file's lock throughout, so no other process writes between its reads and its writes.</summary>
    private T InTransaction<T>(Func<T> work)
    {
        database.BeginTrans();
        try
        {
            var result = work();
            database.Commit();
            return result;
        }
        catch
        {
            database.Rollback();
            throw;
        }
    }

    /// <inheritdoc />
    public StoredSweep CreateSweep(NewSweep sweep, IReadOnlyList<TrialConfig> configs) => InTransaction(() =>
    {
        if (sweeps.Exists(Query.EQ("name", sweep.Name)))
            throw new StoreException(StoreErrorCode.Conflict, $"A sweep named '{sweep.Name}' already exists in {path}.");
        var created = DateTimeOffset.UtcNow;
        var document = new BsonDocument
        {
            ["name"] = sweep.Name, ["file_text"] = sweep.Text, ["metric"] = sweep.Metric, ["minimize"] = sweep.Minimize,
            ["created"] = created.ToString("O"), ["early_terminate"] = Text(sweep.EarlyTermination), ["target"] = Number(sweep.Target),
            ["budget_s"] = Number(sweep.Budget?.TotalSeconds), ["search"] = Text(sweep.Search), ["active"] = false,
        };
        var id = sweeps.Insert(document).AsInt64;
        trials.InsertBulk(configs.Select((config, i) => NewTrial(id, sweep.Name, i + 1, config)));
        return ReadSweep(document);
    });

    private static BsonDocument NewTrial(long sweepId, string sweep, int index, TrialConfig config) => new()
    {
        ["sweep_id"] = sweepId, ["sweep"] = sweep, ["idx"] = index, ["config"] = config.ToJson(), ["status"] = TrialStates.Queued, ["attempts"] = 0,
        ["worker"] = BsonValue.Null, ["error"] = BsonValue.Null, ["flags"] = 0, ["step"] = 0L, ["total_steps"] = 0L,
        ["started"] = BsonValue.Null, ["finished"] = BsonValue.Null, ["lease_until"] = BsonValue.Null,
    };

    /// <inheritdoc />
    public TrialRecord AddTrial(string sweep, TrialConfig config, long? parent = null, int? index = null) => InTransaction(() =>
    {
        var stored = sweeps.FindOne(Query.EQ("name", sweep)) ?? throw new StoreException(StoreErrorCode.NotFound, $"No sweep named '{sweep}' in {path}.");
        var document = NewTrial(stored["_id"].AsInt64, sweep, index ?? trials.Find(Query.EQ("sweep", sweep)).Select(t => t["idx"].AsInt32).DefaultIfEmpty(0).Max() + 1, config);
        document["parent"] = Number(parent);
        trials.Insert(document);
        return ReadTrial(document);
    });

    /// <inheritdoc />
    public StoredSweep? FindSweep(string name) => sweeps.FindOne(Query.EQ("name", name)) is { } document ? ReadSweep(document) : null;

    /// <inheritdoc />
    public IReadOnlyList<SweepSummary> ListSweeps() =>
        [.. sweeps.FindAll().ToList().Select(ReadSweep).OrderByDescending(s => s.Created).ThenByDescending(s => s.Id).Select(s => new SweepSummary(s, TrialCounts(s.Name)))];

    /// <inheritdoc />
    public void SetActive(string sweep, bool active) => InTransaction(() =>
    {
        if (sweeps.FindOne(Query.EQ("name", sweep)) is { } document)
        {
            document["active"] = active;
            sweeps.Update(document);
        }
        return 0;
    });

    /// <inheritdoc />
    public IReadOnlyList<string> ActiveSweeps() =>
        [.. sweeps.Find(Query.EQ("active", true)).ToList().OrderBy(d => d["_id"].AsInt64).Select(d => d["name"].AsString)];

    /// <inheritdoc />
    public IReadOnlyList<TrialRecord> Trials(string sweep) =>
        [.. trials.Find(Query.EQ("sweep", sweep)).ToList().OrderBy(t => t["idx"].AsInt32).Select(ReadTrial)];

    /// <inheritdoc />
    public IReadOnlyList<TrialRecord> Trials(string sweep, string status) =>
        [.. trials.Find(InState(sweep, status)).ToList().OrderBy(t => t["idx"].AsInt32).Select(ReadTrial)];

    /// <inheritdoc />
    public DateTimeOffset? FirstStarted(string sweep) =>
        trials.Find(Query.EQ("sweep", sweep)).Select(t => Time(t["started"])).Min();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, int> TrialCounts(string sweep) =>
        TrialStates.All.Select(status => (status, count: trials.Count(InState(sweep, status)))).Where(p => p.count > 0).ToDictionary(p => p.status, p => p.count);

    /// <inheritdoc />
    public TrialRecord? Trial(long id) => trials.FindById(id) is { } document ? ReadTrial(document) : null;

    /// <inheritdoc />
    public TrialRecord? Claim(string sweep, string worker, TimeSpan lease) => InTransaction(() =>
    {
        var now = Now();
        var queued = trials.Find(InState(sweep, TrialStates.Queued), limit: 1).FirstOrDefault();
        var expired = trials.Find(InState(sweep, TrialStates.Running)).Where(t => t["lease_until"].IsNumber && t["lease_until"].AsDouble < now).ToList();
        var next = expired.Append(queued).OfType<BsonDocument>().MinBy(t => t["idx"].AsInt32);
        if (next is null)
            return null;
        next["status"] = TrialStates.Running;
        next["worker"] = worker;
        next["lease_until"] = now + lease.TotalSeconds;
        next["attempts"] = next["attempts"].AsInt32 + 1;
        if (next["started"].IsNull)
            next["started"] = DateTimeOffset.UtcNow.ToString("O");
        next["finished"] = BsonValue.Null;
        next["error"] = BsonValue.Null;
        trials.Update(next);
        return ReadTrial(next);
    });

    /// <inheritdoc />
    public TrialRecord? HeldBy(string worker) =>
        trials.Find(Query.And(Query.EQ("worker", worker), Query.EQ("status", TrialStates.Running))).ToList().Select(ReadTrial).FirstOrDefault();

    /// <summary>The trial's document if <paramref name="claim"/> still holds it (running, same worker and attempt); else null.</summary>
    private BsonDocument? Held(TrialClaim claim) =>
        trials.FindById(claim.TrialId) is { } t && t["status"].AsString == TrialStates.Running && t["worker"] == claim.Worker && t["attempts"].AsInt32 == claim.Attempt ? t : null;

    /// <inheritdoc />
    public bool Heartbeat(TrialClaim claim, TimeSpan lease, long step, long totalSteps) => InTransaction(() =>
    {
        if (Held(claim) is not { } trial)
            return false;
        trial["lease_until"] = Now() + lease.TotalSeconds;
        trial["step"] = step;
        trial["total_steps"] = totalSteps;
        return trials.Update(trial);
    });

    /// <inheritdoc />
    public void Record(TrialClaim claim, TrialWrites writes) => artifacts.Commit(claim, writes.Artifacts, placed => InTransaction(() =>
    {
        var trial = Held(claim) ?? throw StoreException.LostClaim(claim);
        var replaced = new List<string>(writes.FilesNotStored(placed));
        foreach (var replacedKind in writes.ReplacedKinds)
            replaced.AddRange(DeleteArtifacts(Query.And(Query.EQ("trial", claim.TrialId), Query.EQ("kind", ArtifactKinds.Name(replacedKind)))));
        for (var i = 0; i < writes.Artifacts.Count; i++)
        {
            if (!writes.Stores(i))
                continue;
            var (artifact, at) = (writes.Artifacts[i], placed[i]);
            var kind = ArtifactKinds.Name(artifact.Kind);
            // A sample grid replaces only the one of its epoch; the kinds a trial keeps one of went above.
            if (!ArtifactPlacement.KeepsOne(artifact.Kind))
                replaced.AddRange(DeleteArtifacts(Query.And(Query.EQ("trial", claim.TrialId), Query.EQ("kind", kind), Query.EQ("epoch", artifact.Epoch))));
            artifactRows.Insert(new BsonDocument
            {
                ["trial"] = claim.TrialId, ["kind"] = kind, ["epoch"] = artifact.Epoch, ["step"] = artifact.Step, ["bytes"] = at.Bytes,
                ["file"] = Text(at.File?.Key), ["size"] = at.File?.Size ?? 0, ["sha256"] = Text(at.File?.Sha256),
            });
        }
        if (writes.Evaluation is { } report)
            evaluations.Upsert(new BsonDocument
            {
                ["_id"] = claim.TrialId, ["fid"] = report.Fid, ["coverage"] = report.Coverage, ["classifier_score"] = report.ClassifierScore,
                ["largest_class_share"] = report.LargestClassShare, ["samples"] = report.Samples,
                ["class_counts"] = new BsonArray(report.ClassCounts.Select(c => new BsonValue(c))), ["step"] = Number(report.Step),
            });
        foreach (var record in writes.Metrics)
        {
            // One document per step; a value written again at the same step replaces the earlier one.
            var id = MetricId(claim.TrialId, record.Step);
            var document = metrics.FindById(id) ?? new BsonDocument { ["_id"] = id, ["trial"] = claim.TrialId, ["step"] = record.Step, ["values"] = new BsonDocument() };
            var values = document["values"].AsDocument;
            foreach (var (name, value) in record.Values)
                values[name] = double.IsFinite(value) ? value : BsonValue.Null;
            document["epoch"] = record.Epoch;
            metrics.Upsert(document);
        }
        if (writes.Progress is { } progress)
        {
            (trial["step"], trial["total_steps"]) = (progress.Step, progress.TotalSteps);
            trials.Update(trial);
        }
        if (writes.End is { } end)
        {
            trial["status"] = end.Status;
            trial["flags"] = (int)end.Flags;
            trial["error"] = Text(end.Error);
            trial["finished"] = DateTimeOffset.UtcNow.ToString("O");
            trial["lease_until"] = BsonValue.Null;
            trials.Update(trial);
        }
        return replaced;
    }));

    /// <inheritdoc />
    public void DropCheckpoints(IReadOnlyCollection<long> trials) =>
        artifacts.Delete(InTransaction(() => DeleteArtifacts(Query.And(Query.In("trial", trials.Select(t => new BsonValue(t))), Query.EQ("kind", ArtifactKinds.Name(ArtifactKind.Checkpoint))))));

    /// <summary>Deletes the artifact documents <paramref name="query"/> selects; returns the keys of their files.</summary>
    private IReadOnlyList<string> DeleteArtifacts(BsonExpression query)
    {
        var rows = artifactRows.Find(query).ToList();
        artifactRows.DeleteMany(query);
        return [.. rows.Where(r => r["file"].IsString).Select(r => r["file"].AsString)];
    }

    /// <inheritdoc />
    public int Requeue(string sweep, IReadOnlyCollection<string> retry, bool fromStart = false)
    {
        var dropped = new List<string>();
        var count = InTransaction(() =>
        {
            var now = Now();
            var requeued = 0;
            foreach (var trial in trials.Find(Query.EQ("sweep", sweep)).ToList())
            {
                var status = trial["status"].AsString;
                var expired = status == TrialStates.Running && trial["lease_until"].IsNumber && trial["lease_until"].AsDouble < now;
                if (!(retry.Contains(status) || status == TrialStates.Interrupted || expired))
                    continue;
                // Resuming a diverged trial from its checkpoint would only diverge again, and a
                // failed one asked to start over may hold a checkpoint this version cannot read:
                // these restart from nothing, so their old records go.
                if (retry.Contains(status) && (status == TrialStates.Diverged || fromStart))
                {
                    var id = trial["_id"].AsInt64;
                    metrics.DeleteMany(Query.EQ("trial", id));
                    evaluations.Delete(id);
                    dropped.AddRange(DeleteArtifacts(Query.EQ("trial", id)));
                    trial["flags"] = 0;
                    trial["step"] = 0L;
                }
                trial["status"] = TrialStates.Queued;
                trial["worker"] = BsonValue.Null;
                trial["lease_until"] = BsonValue.Null;
                trial["error"] = BsonValue.Null;
                trial["finished"] = BsonValue.Null;
                trials.Update(trial);
                requeued++;
            }
            return requeued;
        });
        artifacts.Delete(dropped);
        return count;
    }

    /// <inheritdoc />
    public int StopQueued(string sweep, string reason) => InTransaction(() =>
    {
        var queued = trials.Find(Query.And(Query.EQ("sweep", sweep), Query.EQ("status", TrialStates.Queued))).ToList();
        foreach (var trial in queued)
        {
            trial["status"] = TrialStates.Stopped;
            trial["error"] = reason;
            trial["finished"] = DateTimeOffset.UtcNow.ToString("O");
            trials.Update(trial);
        }
        return queued.Count;
    });

    /// <inheritdoc />
    public bool Release(TrialClaim claim, int maxAttempts, string reason) => InTransaction(() =>
    {
        if (Held(claim) is not { } trial)
            return false;
        var spent = trial["attempts"].AsInt32 >= maxAttempts;
        trial["status"] = spent ? TrialStates.Failed : TrialStates.Queued;
        trial["error"] = spent ? reason : BsonValue.Null;
        trial["finished"] = spent ? DateTimeOffset.UtcNow.ToString("O") : BsonValue.Null;
        trial["worker"] = BsonValue.Null;
        trial["lease_until"] = BsonValue.Null;
        return trials.Update(trial);
    });

    /// <inheritdoc />
    public IReadOnlyList<MetricRecord> Metrics(long trialId) =>
        [.. metrics.Find(Query.EQ("trial", trialId)).ToList().OrderBy(m => m["step"].AsInt64).Select(ReadMetrics)];

    /// <inheritdoc />
    public MetricRecord? LatestMetrics(long trialId) =>
        metrics.Find(Query.EQ("trial", trialId)).ToList().MaxBy(m => m["step"].AsInt64) is { } last ? ReadMetrics(last) : null;

    /// <inheritdoc />
    public IReadOnlyDictionary<long, MetricRecord> LatestMetrics(string sweep) =>
        MetricsOf(sweep).GroupBy(m => m["trial"].AsInt64).ToDictionary(g => g.Key, g => ReadMetrics(g.MaxBy(m => m["step"].AsInt64)!));

    /// <inheritdoc />
    public IReadOnlyDictionary<long, double> MetricAt(string sweep, string name, long step) =>
        // A record's id is its trial and step: one lookup a trial, not every record of the sweep.
        trials.Find(Query.EQ("sweep", sweep)).Select(t => t["_id"].AsInt64).ToList()
            .Select(trial => metrics.FindById(MetricId(trial, step))).OfType<BsonDocument>().Where(m => m["values"].AsDocument.TryGetValue(name, out var value) && value.IsNumber)
            .ToDictionary(m => m["trial"].AsInt64, m => m["values"][name].AsDouble);

    /// <summary>The id of a trial's record at a step: one document a step, found without a query.</summary>
    private static string MetricId(long trial, long step) => $"{trial}:{step}";

    private List<BsonDocument> MetricsOf(string sweep)
    {
        var ids = trials.Find(Query.EQ("sweep", sweep)).Select(t => t["_id"]).ToList();
        return ids.Count == 0 ? [] : metrics.Find(Query.In("trial", ids)).ToList();
    }

    /// <inheritdoc />
    public StoredEvaluation? Evaluation(long trialId) => evaluations.FindById(trialId) is { } document ? ReadEvaluation(document) : null;

    /// <inheritdoc />
    public IReadOnlyDictionary<long, StoredEvaluation> Evaluations(string sweep)
    {
        var ids = trials.Find(Query.EQ("sweep", sweep)).Select(t => t["_id"]).ToList();
        return ids.Count == 0 ? new Dictionary<long, StoredEvaluation>() : evaluations.Find(Query.In("_id", ids)).ToList().Select(ReadEvaluation).ToDictionary(e => e.TrialId);
    }

    /// <inheritdoc />
    public TrialArtifact? Artifact(long trialId, ArtifactKind kind, long? epoch = null)
    {
        var query = Query.And(Query.EQ("trial", trialId), Query.EQ("kind", ArtifactKinds.Name(kind)));
        return artifactRows.Find(query).ToList().Where(a => epoch is null || a["epoch"].AsInt64 == epoch).MaxBy(a => a["epoch"].AsInt64) is { } row
            ? artifacts.Read(trialId, kind, new ArtifactRow(row["epoch"].AsInt64, row["step"].AsInt64, row["bytes"].AsBinary,
                row["file"].IsString ? new ArtifactFile(row["file"].AsString, row["size"].AsInt64, row["sha256"].AsString) : null))
            : null;
    }

    /// <inheritdoc />
    public IReadOnlyList<long> ArtifactEpochs(long trialId, ArtifactKind kind) =>
        [.. artifactRows.Find(Query.And(Query.EQ("trial", trialId), Query.EQ("kind", ArtifactKinds.Name(kind)))).Select(a => a["epoch"].AsInt64).Order()];

    /// <summary>Closes the database.</summary>
    public void Dispose() => database.Dispose();

    private static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    private static BsonValue Text(string? value) => value is null ? BsonValue.Null : new BsonValue(value);

    private static BsonValue Number(double? value) => value is { } v ? new BsonValue(v) : BsonValue.Null;

    private static BsonValue Number(long? value) => value is { } v ? new BsonValue(v) : BsonValue.Null;

    private static DateTimeOffset? Time(BsonValue value) => value.IsString ? DateTimeOffset.Parse(value.AsString, CultureInfo.InvariantCulture) : null;

    private static StoredSweep ReadSweep(BsonDocument d) =>
        new(d["_id"].AsInt64, d["name"].AsString, d["file_text"].AsString, d["metric"].AsString, d["minimize"].AsBoolean, Time(d["created"])!.Value,
            d["early_terminate"].IsString ? d["early_terminate"].AsString : null)
        {
            Target = d["target"].IsNumber ? d["target"].AsDouble : null,
            Budget = d["budget_s"].IsNumber ? TimeSpan.FromSeconds(d["budget_s"].AsDouble) : null,
            Search = d["search"].IsString ? d["search"].AsString : null,
        };

    private static TrialRecord ReadTrial(BsonDocument d) =>
        new(d["_id"].AsInt64, d["sweep"].AsString, d["idx"].AsInt32, TrialConfig.FromJson(d["config"].AsString), d["status"].AsString, d["attempts"].AsInt32,
            d["worker"].IsString ? d["worker"].AsString : null, d["error"].IsString ? d["error"].AsString : null, (HealthFlags)d["flags"].AsInt32,
            d["step"].AsInt64, d["total_steps"].AsInt64, Time(d["started"]), Time(d["finished"]))
        { Parent = d["parent"].IsNumber ? d["parent"].AsInt64 : null };

    private static MetricRecord ReadMetrics(BsonDocument d) =>
        new(d["step"].AsInt64, d["epoch"].AsInt64, d["values"].AsDocument.ToDictionary(p => p.Key, p => p.Value.IsNumber ? p.Value.AsDouble : double.NaN));

    private static StoredEvaluation ReadEvaluation(BsonDocument d) =>
        new(d["_id"].AsInt64, d["fid"].AsDouble, d["coverage"].AsInt32, d["classifier_score"].AsDouble, d["largest_class_share"].AsDouble, d["samples"].AsInt32,
            [.. d["class_counts"].AsArray.Select(c => c.AsInt32)], d["step"].IsNumber ? d["step"].AsInt64 : null);
}
