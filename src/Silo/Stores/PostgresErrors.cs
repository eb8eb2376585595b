using Npgsql;

namespace Silo.Stores;

/// <summary>Turns Npgsql's and PostgreSQL's errors into messages that say what is wrong and what to do.</summary>
internal static class PostgresErrors
{
    /// <summary>The store's exception for <paramref name="error"/> at <paramref name="location"/>.</summary>
    public static StoreException Explain(NpgsqlException error, StoreLocation location) =>
        error switch
        {
            PostgresException { SqlState: "28P01" or "28000" } e => new StoreException(StoreErrorCode.AccessDenied,
                $"PostgreSQL at {location} refused the login ({e.MessageText}). Check the user and password in the store URL."),
            PostgresException { SqlState: "3D000" } e => new StoreException(StoreErrorCode.NotFound,
                $"PostgreSQL at {location}: {e.MessageText}. Create it (createdb {Database(location)}) or fix the URL's database."),
            PostgresException { SqlState: "42501" } e => new StoreException(StoreErrorCode.AccessDenied,
                $"PostgreSQL at {location}: {e.MessageText}. The store's user needs to create tables in that database, and to read and write them."),
            PostgresException { SqlState: "53100" } => new StoreException(StoreErrorCode.Full,
                $"The disk of PostgreSQL at {location} is full. Free some space, then continue with 'sweep resume'; what was stored is intact."),
            PostgresException { SqlState: "25006" } => new StoreException(StoreErrorCode.ReadOnly,
                $"PostgreSQL at {location} is read-only (a standby?). Point --store at the primary."),
            PostgresException e => new StoreException(StoreErrorCode.Unavailable, $"PostgreSQL at {location}: {e.MessageText} ({e.SqlState})."),
            _ => new StoreException(StoreErrorCode.Unavailable,
                $"Cannot reach PostgreSQL at {location}: {(error.InnerException ?? error).Message.TrimEnd('.')}. Is the server running, and is the URL right?"),
        };

    private static string Database(StoreLocation location) => new NpgsqlConnectionStringBuilder(location.Target).Database ?? "";
}
