namespace Silo.Stores;

/// <summary>
/// Where a store keeps the bytes of large artifacts (checkpoints, generator weights), so that the
/// database holds only a reference and a checksum. A directory the silos share implements it;
/// blob storage could later.
/// </summary>
public interface IArtifactFiles
{
    /// <summary>Stores <paramref name="bytes"/> under <paramref name="key"/>, whole or not at all, and returns its reference.</summary>
    /// <exception cref="StoreException">The bytes cannot be written (a full disk, no permission).</exception>
    ArtifactFile Put(string key, byte[] bytes);

    /// <summary>The bytes of <paramref name="file"/>, checked against its size and checksum.</summary>
    /// <exception cref="StoreException">The file is missing or its bytes are not the ones stored.</exception>
    byte[] Get(ArtifactFile file);

    /// <summary>Removes a file, if it is there.</summary>
    void Delete(string key);
}

/// <summary>What a store row keeps of an artifact held as a file: its key, its size and the SHA-256 of its bytes (lower-case hex).</summary>
public sealed record ArtifactFile(string Key, long Size, string Sha256);
