using System.Diagnostics;
using System.Globalization;

namespace Silo.Stores;

/// <summary>
/// Opens a silo's store at start-up, waiting while its server cannot be reached yet: on a cluster
/// a silo often starts before PostgreSQL is up, and a bounded wait beats a crash loop. Errors
/// that waiting cannot mend (a refused login, a missing database, a newer schema) fail at once.
/// </summary>
public static class StoreStartup
{
    /// <summary>How far apart the lines that say the silo still waits are.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);

    /// <summary>Opens <paramref name="location"/> (creating or upgrading its schema) and closes it again, waiting up to <paramref name="bound"/> for it to be reachable.</summary>
    /// <param name="location">The store.</param>
    /// <param name="bound">How long to wait for an unreachable store before failing.</param>
    /// <param name="log">Where the waiting lines go.</param>
    /// <param name="cancellation">Ends the wait (Ctrl-C, SIGTERM).</param>
    /// <exception cref="StoreException">The store is still unreachable after <paramref name="bound"/>, or has a problem that waiting cannot mend.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public static void WaitUntilOpen(StoreLocation location, TimeSpan bound, TextWriter log, CancellationToken cancellation)
    {
        var waited = Stopwatch.StartNew();
        TimeSpan? reported = null;
        while (true)
        {
            try
            {
                SweepStoreFactory.Open(location).Dispose();
                if (reported is not null)
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The store is reachable, after {waited.Elapsed.TotalSeconds:F0} s."));
                return;
            }
            catch (StoreException e) when (e.Code == StoreErrorCode.Unavailable)
            {
                if (waited.Elapsed >= bound)
                    throw new StoreException(e.Code, string.Create(CultureInfo.InvariantCulture, $"{e.Message} Waited {bound.TotalSeconds:F0} s for it (--store-wait)."));
                if (reported is not { } last || waited.Elapsed - last >= ReportEvery)
                {
                    reported = waited.Elapsed;
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Waiting for the store ({waited.Elapsed.TotalSeconds:F0} s of {bound.TotalSeconds:F0} s): {e.Message}"));
                    log.Flush();
                }
                cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
                cancellation.ThrowIfCancellationRequested();
            }
        }
    }
}
