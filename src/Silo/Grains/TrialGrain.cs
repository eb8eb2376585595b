using Microsoft.Extensions.Logging;
using Silo.Stores;

namespace Silo.Grains;

/// <summary>
/// One trial's attempts. The store holds its durable state and fences every write by the claim;
/// this grain turns an attempt's end or loss into the store change and tells its sweep.
/// </summary>
public sealed class TrialGrain(GrainStore store, ILogger<TrialGrain> log) : Grain, ITrialGrain
{
    private string? sweep;
    private string? slot;

    /// <inheritdoc />
    public async Task Started(TrialClaim claim, string slotWorker)
    {
        slot = slotWorker;
        await Notify();
    }

    /// <inheritdoc />
    public Task Ended(TrialClaim claim) => Notify();

    /// <inheritdoc />
    public async Task<bool> Lost(TrialClaim claim, string reason)
    {
        var released = await store.Use(s => s.Release(claim, SchedulerGrain.MaxAttempts, reason));
        if (released)
        {
            log.LogInformation("Trial {Trial}: attempt {Attempt} on {Slot} was lost; handed back.", claim.TrialId, claim.Attempt, slot ?? claim.Worker);
            await Notify();
        }
        return released;
    }

    private async Task Notify()
    {
        sweep ??= await store.Use(s => s.Trial(this.GetPrimaryKeyLong())?.Sweep);
        if (sweep is not null)
            await GrainFactory.GetGrain<ISweepGrain>(sweep).TrialChanged();
    }
}
