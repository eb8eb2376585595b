using Npgsql;

namespace Silo.Stores;

/// <summary>The kinds of store a location can name.</summary>
public enum StoreKind
{
    /// <summary>An embedded SQLite file: one machine, no server.</summary>
    Sqlite,
    /// <summary>A PostgreSQL database: the store a cluster shares.</summary>
    Postgres,
    /// <summary>An embedded LiteDB file: one machine, no server.</summary>
    LiteDb,
}

/// <summary>
/// Where sweeps are stored, as a user writes it: a SQLite file's path (or <c>sqlite:PATH</c>), a
/// LiteDB file (<c>litedb:PATH</c>), or a <c>postgres://user:password@host:port/database</c> URL. Commands, runners and worker
/// processes pass this around; <see cref="SweepStoreFactory"/> opens it.
/// </summary>
public sealed partial record StoreLocation
{
    /// <summary>The SQLite file used when neither an option nor the environment names a store.</summary>
    public const string DefaultPath = "sweeps.db";

    private StoreLocation(StoreKind kind, string text, string target, string display)
    {
        Kind = kind;
        Text = text;
        Target = target;
        Display = display;
    }

    /// <summary>Which kind of store it is.</summary>
    public StoreKind Kind { get; }

    /// <summary>
    /// True for a store a cluster's silos share (its scheduler serves every active sweep in it);
    /// false for one machine's embedded store, where each `sweep run` or `sweep resume` process is a
    /// cluster of its own and serves only the sweeps it was asked to run.
    /// </summary>
    public bool Shared => Kind == StoreKind.Postgres;

    /// <summary>The location as given, secrets included: what a worker process is passed.</summary>
    public string Text { get; }

    /// <summary>The SQLite file's path, or Npgsql's connection string.</summary>
    public string Target { get; }

    /// <summary>The location as messages show it: a URL's password is left out.</summary>
    public string Display { get; }

    /// <summary>
    /// The directory that holds the store's large artifacts (checkpoints and generator weights),
    /// which the store refers to by key and checksum: beside a SQLite file by default
    /// (<c>sweeps.db-artifacts</c>); on a cluster, a directory every silo mounts. Null keeps them
    /// in the database itself, which a PostgreSQL store does unless told otherwise.
    /// </summary>
    public string? Artifacts { get; init; }

    /// <summary>
    /// The store named by <paramref name="store"/> (--store or --db), else $SWEEP_STORE, else
    /// $SWEEP_DB, else ./sweeps.db; its artifacts in <paramref name="artifacts"/> (--artifacts),
    /// else $SWEEP_ARTIFACTS, else the store's default.
    /// </summary>
    /// <exception cref="StoreException">The location is malformed (<see cref="StoreErrorCode.BadLocation"/>).</exception>
    public static StoreLocation Resolve(string? store, string? artifacts = null)
    {
        var location = Parse(store ?? Variable("SWEEP_STORE") ?? Variable("SWEEP_DB") ?? DefaultPath);
        return (artifacts ?? Variable("SWEEP_ARTIFACTS")) is { } directory ? location with { Artifacts = Path.GetFullPath(directory) } : location;
    }

    /// <summary>Reads a location.</summary>
    /// <exception cref="StoreException">The location is malformed (<see cref="StoreErrorCode.BadLocation"/>).</exception>
    public static StoreLocation Parse(string text)
    {
        if (text.Length == 0)
            throw new StoreException(StoreErrorCode.BadLocation, "The store location is empty: give a SQLite file's path or a postgres:// URL.");
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return Postgres(text);
        // A URL of another database is not a file name: taken for one, it would create a stray
        // file and print its password back.
        if (UrlScheme().Match(text) is { Success: true } scheme)
            throw new StoreException(StoreErrorCode.BadLocation,
                $"Store location {Redacted(text)}: '{scheme.Groups[1].Value}' is not a store sweep knows. Give a SQLite file's path (or sqlite:PATH), litedb:PATH, or a postgres://USER:PASSWORD@HOST:PORT/DATABASE URL.");
        var (kind, path) = text.StartsWith("litedb:", StringComparison.OrdinalIgnoreCase) ? (StoreKind.LiteDb, text["litedb:".Length..])
            : text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? (StoreKind.Sqlite, text["sqlite:".Length..])
            : (StoreKind.Sqlite, text);
        if (path.Length == 0)
            throw new StoreException(StoreErrorCode.BadLocation, $"Store location '{text}' names no file: write {text}PATH, such as {text}{DefaultPath}.");
        // Named like SQLite's own companions of a database (sweeps.db-wal), so the two travel together.
        return new StoreLocation(kind, text, path, path) { Artifacts = Path.GetFullPath(path) + "-artifacts" };
    }

    /// <inheritdoc />
    public override string ToString() => Display;

    private static StoreLocation Postgres(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw BadUrl(text, "it is not a URL with a host");
        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length == 0 || database.Contains('/'))
            throw BadUrl(text, "it names no database: end it with /DATABASE");
        var credentials = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
            // Every command of a store opens and returns a pooled connection; a silo's threads share the pool.
            Pooling = true,
            // The store logs in by password. Negotiating GSS encryption would load libgssapi_krb5,
            // and where that library is missing .NET aborts the process. A URL's
            // ?GssEncryptionMode=Prefer still turns it on.
            GssEncryptionMode = GssEncryptionMode.Disable,
        };
        if (credentials[0].Length > 0)
            builder.Username = Uri.UnescapeDataString(credentials[0]);
        if (credentials.Length > 1)
            builder.Password = Uri.UnescapeDataString(credentials[1]);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (Uri.UnescapeDataString(k), Uri.UnescapeDataString(v)) : (Uri.UnescapeDataString(pair), "");
            try
            {
                builder[key] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw BadUrl(text, $"'{key}={value}' is not a connection setting Npgsql accepts ({e.Message.TrimEnd('.')})");
            }
        }
        var user = builder.Username is { } name ? Uri.EscapeDataString(name) + "@" : "";
        var display = $"{uri.Scheme}://{user}{uri.Host}:{builder.Port}/{database}";
        return new StoreLocation(StoreKind.Postgres, text, builder.ConnectionString, display);
    }

    private static StoreException BadUrl(string text, string why) =>
        new(StoreErrorCode.BadLocation, $"Store location {Redacted(text)}: {why}. Write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE.");

    /// <summary>
    /// <paramref name="text"/> with any password between "://USER:" and the last "@" replaced by
    /// ***, read from the raw text so that a URL too malformed to parse still hides it.
    /// </summary>
    public static string Redacted(string text)
    {
        var start = text.IndexOf("://", StringComparison.Ordinal);
        var at = text.LastIndexOf('@');
        if (start < 0 || at < start)
            return text;
        var colon = text.IndexOf(':', start + 3);
        return colon < 0 || colon > at ? text : $"{text[..(colon + 1)]}***{text[at..]}";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\A([A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial System.Text.RegularExpressions.Regex UrlScheme();

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
