namespace Gan.Core.Runtime;

/// <summary>
/// An exclusive lock on a cache entry across processes, held while one process builds the
/// entry so that the others wait for it rather than build it again beside it. It is a lock on
/// an open file (flock on Linux), so the kernel frees it if the holder dies.
/// </summary>
public sealed class CacheLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private readonly FileStream file;

    private CacheLock(FileStream file) => this.file = file;

    /// <summary>Waits until this process holds the lock at <paramref name="path"/>; <paramref name="waiting"/> is told once if it has to wait.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired while it waited.</exception>
    public static CacheLock Acquire(string path, Action? waiting = null, CancellationToken cancellation = default)
    {
        var told = false;
        while (true)
        {
            try
            {
                return new CacheLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                if (!told)
                    waiting?.Invoke();
                told = true;
                cancellation.WaitHandle.WaitOne(Poll);
                cancellation.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => file.Dispose();
}
