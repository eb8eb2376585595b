using Microsoft.Extensions.Logging;
using Silo.Stores;

namespace Silo.Grains;

/// <summary>
/// One trial's attempts: the one owner of handing back a lost attempt on the cluster. The store
/// holds its durable state and fences every write by the claim; this grain turns an attempt's end
/// or loss into the store change and tells its sweep.
/// </summary>
public sealed class TrialGrain(GrainStore store, ILogger<TrialGrain> log) : Grain, ITrialGrain
{
    private TrialClaim? current;
    private string? slot;

    /// <inheritdoc />
    public Task Started(TrialClaim claim, string sweep, string slotWorker)
    {
        current = claim;
        slot = slotWorker;
        Notify(sweep);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Ended(TrialClaim claim, string sweep)
    {
        // A late report of an attempt that a later one has replaced changes nothing: the store
        // fenced its writes, and the later attempt will report its own end.
        if (current is null || claim.Attempt >= current.Attempt)
            Notify(sweep);
        else
            log.LogDebug("Trial {Trial}: attempt {Attempt} reported its end after attempt {Current} began.", claim.TrialId, claim.Attempt, current.Attempt);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<bool> Lost(TrialClaim claim, string sweep, string reason)
    {
        var released = await store.Use(s => TrialAttempts.HandBackLost(s, claim, reason));
        if (released)
        {
            log.LogInformation("Trial {Trial}: attempt {Attempt} on {Slot} was lost; handed back.", claim.TrialId, claim.Attempt, slot ?? claim.Worker);
            Notify(sweep);
        }
        return released;
    }

    // One way: the call returns at once, and the sweep grain counts in its own turn.
    private void Notify(string sweep) => _ = GrainFactory.GetGrain<ISweepGrain>(sweep).TrialChanged();
}
