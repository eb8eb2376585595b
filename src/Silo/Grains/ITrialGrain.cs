using Orleans.Concurrency;
using Silo.Stores;

namespace Silo.Grains;

/// <summary>
/// One trial, keyed by its id: follows its attempts, hands back a lost one, and tells its sweep.
/// Notifications are one-way, so no grain waits on a grain that may be waiting on it.
/// </summary>
public interface ITrialGrain : IGrainWithIntegerKey
{
    /// <summary>An attempt of a trial of <paramref name="sweep"/> began under <paramref name="claim"/> on <paramref name="slot"/>.</summary>
    [OneWay]
    Task Started(TrialClaim claim, string sweep, string slot);

    /// <summary>The attempt under <paramref name="claim"/> ended: its trainer recorded how.</summary>
    [OneWay]
    Task Ended(TrialClaim claim, string sweep);

    /// <summary>
    /// The attempt's trainer or silo died: it is handed back (<see cref="TrialAttempts.HandBackLost"/>),
    /// and true; false, and nothing changes, if a later attempt holds the trial.
    /// </summary>
    Task<bool> Lost(TrialClaim claim, string sweep, string reason);
}
