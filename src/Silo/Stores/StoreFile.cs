using Gan.Core.Runtime;

namespace Silo.Stores;

/// <summary>The checks a store kept in one file (SQLite, LiteDB) makes of its path before its database opens it.</summary>
internal static class StoreFile
{
    /// <summary>Refuses a missing file as well as what <see cref="RequireFileOrNothing"/> refuses.</summary>
    /// <exception cref="StoreException">There is no such file, or it is not a regular file.</exception>
    public static void RequireFile(string path)
    {
        RequireFileOrNothing(path);
        if (!File.Exists(path))
            throw new StoreException(StoreErrorCode.NotFound, $"No sweep database at {path}. Run a sweep first, or point --store (or SWEEP_STORE) at one.");
    }

    /// <summary>
    /// Refuses a folder, a device, a FIFO or a socket before the database opens it: SQLite would
    /// write its journal beside a device (/dev/null-journal) or block on a FIFO.
    /// </summary>
    /// <exception cref="StoreException">The path names something other than a regular file.</exception>
    public static void RequireFileOrNothing(string path)
    {
        switch (FileKinds.Of(path))
        {
            case FileKind.Directory:
                throw new StoreException(StoreErrorCode.NotAStore, $"{path} is a folder, not a sweep database. Point --store at a file, such as {Path.Combine(path, StoreLocation.DefaultPath)}.");
            case FileKind.Special:
                throw new StoreException(StoreErrorCode.NotAStore, $"{path} is a device, a FIFO or a socket, not a sweep database. Point --store at a file, such as {StoreLocation.DefaultPath}.");
        }
    }
}
