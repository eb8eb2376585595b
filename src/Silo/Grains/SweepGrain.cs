using Microsoft.Extensions.Logging;
using Silo.Search;
using Silo.Stores;

namespace Silo.Grains;

/// <summary>
/// A sweep on the cluster. Starting it marks it active in the store and tells the scheduler;
/// each trial change recounts its trials and pushes the state to its watchers; once no trial is
/// queued or running, and a Bayesian sweep can propose no more, it stops being active.
/// Cancelling makes it inactive at once: the scheduler then stops its running trials, which
/// checkpoint.
/// </summary>
public sealed class SweepGrain(GrainStore store, ILogger<SweepGrain> log) : Grain, ISweepGrain
{
    // Watchers renew well within this; one that stops renewing (a killed client) is dropped.
    private static readonly TimeSpan WatchFor = TimeSpan.FromMinutes(1);
    private readonly Dictionary<ISweepWatcher, DateTimeOffset> watchers = [];
    private static readonly TimeSpan RecountEvery = TimeSpan.FromMilliseconds(250);
    private DateTimeOffset lastRead = DateTimeOffset.MinValue;
    private TimeSpan lastReadTook;
    // The count a burst of trial changes is waiting for, once it is due.
    private IGrainTimer? recount;

    private string Name => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public Task<SweepState> Start() => SetActive(true);

    /// <inheritdoc />
    public Task<SweepState> Cancel() => SetActive(false);

    /// <inheritdoc />
    public Task<SweepState> State() => Read();

    /// <inheritdoc />
    public Task Watch(ISweepWatcher watcher)
    {
        watchers[watcher] = DateTimeOffset.UtcNow + WatchFor;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Unwatch(ISweepWatcher watcher)
    {
        watchers.Remove(watcher);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Trials of a few steps end tens of times a second, and counting a sweep of 100,000 trials
    /// takes the database milliseconds (LiteDB a quarter of a second): changes that come within
    /// <see cref="RecountEvery"/> of the last count, or four times as long as it took, are counted
    /// once, when that has passed, so that counting never holds the store more than a fifth of the time.
    /// </remarks>
    public Task TrialChanged()
    {
        if (recount is not null)
            return Task.CompletedTask;
        var wait = lastRead + Max(RecountEvery, 4 * lastReadTook) - DateTimeOffset.UtcNow;
        if (wait <= TimeSpan.Zero)
            return Recount();
        recount = this.RegisterGrainTimer(async () =>
        {
            recount?.Dispose();
            recount = null;
            await Recount();
        }, wait, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    private async Task Recount()
    {
        var state = await Read();
        // The scheduler answers only between its polls, and a poll may have proposed and started
        // a trial since the counts were read: they are read again once it says it proposes no
        // more, and only a sweep idle then ends.
        if (Idle(state) && !await GrainFactory.GetGrain<ISchedulerGrain>(0).Proposes(Name) && Idle(state = await Read()))
        {
            await Settle();
            await SetActive(false);
            return;
        }
        Push(state);
    }

    /// <summary>Lets the search drop what it kept for trials to come; a failure costs only disk space, so the sweep ends all the same.</summary>
    private async Task Settle()
    {
        try
        {
            await store.Use(s =>
            {
                SweepSearch.Settle(s, Name);
                return 0;
            });
        }
        catch (StoreException e)
        {
            log.LogWarning("Sweep {Sweep}: the checkpoints its population kept stay in the store ({Reason}).", Name, e.Message);
        }
    }

    private static bool Idle(SweepState state) => state.Active && state.Count(TrialStates.Queued) == 0 && state.Count(TrialStates.Running) == 0;

    private async Task<SweepState> SetActive(bool active)
    {
        await store.Use(s =>
        {
            if (s.FindSweep(Name) is null)
                throw new StoreException(StoreErrorCode.NotFound, $"No sweep named '{Name}' in {store.Location}. 'sweep ls' lists them.");
            s.SetActive(Name, active);
            return 0;
        });
        await GrainFactory.GetGrain<ISchedulerGrain>(0).SweepChanged(Name, active);
        var state = await Read();
        Push(state);
        return state;
    }

    // Counted by the database: every trial change reads this, and a sweep may hold 100,000 trials.
    private async Task<SweepState> Read()
    {
        lastRead = DateTimeOffset.UtcNow;
        var state = await store.Use(s => new SweepState(Name, s.ActiveSweeps().Contains(Name), s.TrialCounts(Name)));
        lastReadTook = DateTimeOffset.UtcNow - lastRead;
        return state;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private void Push(SweepState state)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (watcher, until) in watchers.ToList())
        {
            if (until < now)
                watchers.Remove(watcher);
            else
                _ = watcher.Changed(state);
        }
    }
}
