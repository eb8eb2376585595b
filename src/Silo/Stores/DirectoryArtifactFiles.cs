using System.Security.Cryptography;

namespace Silo.Stores;

/// <summary>
/// Artifact files in a directory: beside a SQLite file on one machine, or a volume every silo
/// mounts on a cluster. A file is written under a temporary name, flushed to disk and renamed,
/// so a reader never sees half of one.
/// </summary>
public sealed class DirectoryArtifactFiles(string root) : IArtifactFiles
{
    /// <inheritdoc />
    public ArtifactFile Put(string key, byte[] bytes)
    {
        var path = PathOf(key);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            var code = e is IOException { HResult: DiskFull or QuotaExceeded } ? StoreErrorCode.Full : StoreErrorCode.ReadOnly;
            throw new StoreException(code, $"Cannot write {key} into the artifact directory {root} ({e.Message.TrimEnd('.')}). Free space or fix its permissions, or point --artifacts (or SWEEP_ARTIFACTS) elsewhere.");
        }
        return new ArtifactFile(key, bytes.Length, Checksum(bytes));
    }

    /// <inheritdoc />
    public byte[] Get(ArtifactFile file)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(PathOf(file.Key));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StoreException(StoreErrorCode.NotFound,
                $"The artifact {file.Key} is not in {root}. Is this the directory the store's silos write to? Point --artifacts (or SWEEP_ARTIFACTS) at it.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreErrorCode.Unavailable, $"Cannot read the artifact {file.Key} in {root}: {e.Message}");
        }
        var checksum = Checksum(bytes);
        if (bytes.Length != file.Size || checksum != file.Sha256)
            throw new StoreException(StoreErrorCode.Corrupt,
                $"The artifact {file.Key} in {root} is damaged: it has {bytes.Length} bytes and SHA-256 {checksum[..12]}…, where the store recorded {file.Size} bytes and {file.Sha256[..12]}…. Restore it from a backup, or retrain the trial.");
        return bytes;
    }

    /// <inheritdoc />
    public void Delete(string key) => TryDelete(PathOf(key));

    /// <summary>The SHA-256 of <paramref name="bytes"/>, in lower-case hex.</summary>
    private static string Checksum(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private const int DiskFull = 28;      // ENOSPC
    private const int QuotaExceeded = 122; // EDQUOT

    private string PathOf(string key) => Path.Combine(root, key);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file left behind costs only space; the store no longer refers to it.
        }
    }
}
