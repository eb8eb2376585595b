using Silo.Stores;

namespace Silo.Grains;

/// <summary>One trial, keyed by its id: follows its attempts and decides what a lost attempt becomes.</summary>
public interface ITrialGrain : IGrainWithIntegerKey
{
    /// <summary>An attempt began under <paramref name="claim"/> on <paramref name="slot"/>.</summary>
    Task Started(TrialClaim claim, string slot);

    /// <summary>The attempt under <paramref name="claim"/> ended: its trainer recorded how.</summary>
    Task Ended(TrialClaim claim);

    /// <summary>
    /// The attempt's trainer or silo died: the trial goes back to the queue, to resume from its
    /// checkpoint, or fails after <see cref="SchedulerGrain.MaxAttempts"/> attempts. Fenced by the
    /// claim: false, and nothing changes, if a later attempt holds the trial.
    /// </summary>
    Task<bool> Lost(TrialClaim claim, string reason);
}
