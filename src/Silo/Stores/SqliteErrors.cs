using Microsoft.Data.Sqlite;

namespace Silo.Stores;

/// <summary>Turns SQLite's error codes into messages that say what is actually wrong and what to do.</summary>
internal static class SqliteErrors
{
    // SQLite's primary result codes (sqlite3.h).
    private const int Busy = 5;
    private const int ReadOnly = 8;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    /// <summary>The store's exception for <paramref name="error"/> at <paramref name="path"/>.</summary>
    public static StoreException Explain(SqliteException error, string path)
    {
        var detail = error.Message.TrimEnd('.');
        return (error.SqliteErrorCode & 0xFF) switch
        {
            ReadOnly => new StoreException(StoreErrorCode.ReadOnly,
                $"{path} cannot be written: the file or its folder is read-only. Reading commands (ls, show, trial) work on it as it is; to run or resume, copy it somewhere writable."),
            Full => new StoreException(StoreErrorCode.Full, $"The disk holding {path} is full. Free some space, then continue with 'sweep resume'; what was stored is intact."),
            Busy => new StoreException(StoreErrorCode.Unavailable, $"{path} stayed locked by another process for 30 s. Try again once it is done."),
            CantOpen when Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder) =>
                new StoreException(StoreErrorCode.Unavailable, $"Cannot open {path}: the folder {folder} does not exist. Create it, or point --store elsewhere."),
            CantOpen when !File.Exists(path) => new StoreException(StoreErrorCode.ReadOnly,
                $"Cannot create {path}: its folder is read-only or not yours to write. Point --store at a writable place."),
            CantOpen => new StoreException(StoreErrorCode.Unavailable, $"Cannot open {path} ({detail}). Check that you may read it and its folder."),
            Corrupt or NotADatabase => new StoreException(StoreErrorCode.Corrupt,
                $"{path} is not a sweep database or is damaged ({detail}). It was left untouched; move it aside or pass another --store."),
            _ => new StoreException(StoreErrorCode.Unavailable, $"{path}: {detail}."),
        };
    }

}
