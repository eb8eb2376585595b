using Silo.Stores;

namespace Silo.Grains;

/// <summary>
/// The store as grains reach it. Store calls are blocking I/O, so each runs on the thread pool,
/// outside the grain's turn, and one at a time: a SQLite connection serves one caller at once.
/// </summary>
public sealed class GrainStore(StoreLocation location) : IDisposable
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private ISweepStore? store;

    /// <summary>Where the store is.</summary>
    public StoreLocation Location => location;

    /// <summary>Runs <paramref name="work"/> against the store and returns its result.</summary>
    public async Task<T> Use<T>(Func<ISweepStore, T> work)
    {
        await turn.WaitAsync();
        try
        {
            return await Task.Run(() => work(store ??= SweepStoreFactory.Open(location)));
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Closes the store.</summary>
    public void Dispose()
    {
        store?.Dispose();
        turn.Dispose();
    }
}
