using Coordinator.Results;
using Coordinator.Cli;
using Silo.Grains;
using Silo.Stores;

namespace Coordinator.Cluster;

/// <summary>
/// Follows a sweep on the cluster: its grain pushes each change, and the progress view redraws
/// from the store, at least once a second for the steps in between. Ends when the sweep has
/// settled (every trial ended, or it was cancelled and its trials stopped).
/// </summary>
public sealed class SweepFollower(ClusterSession cluster, string sweep, ProgressView view)
{
    private static readonly TimeSpan RenewWatch = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Redraw = TimeSpan.FromSeconds(1);

    /// <summary>Follows until the sweep settles (true) or <paramref name="cancellation"/> fires (false).</summary>
    public async Task<bool> Follow(CancellationToken cancellation)
    {
        var grain = cluster.Client.GetGrain<ISweepGrain>(sweep);
        var watcher = new Watcher();
        var reference = cluster.Client.CreateObjectReference<ISweepWatcher>(watcher);
        var watchedAt = DateTime.MinValue;
        try
        {
            while (true)
            {
                try
                {
                    if (DateTime.UtcNow - watchedAt > RenewWatch)
                    {
                        await grain.Watch(reference);
                        watchedAt = DateTime.UtcNow;
                    }
                    var state = await grain.State();
                    view.Update();
                    if (state.Settled)
                        return true;
                }
                catch (Exception e) when (e is TimeoutException or OrleansException)
                {
                    // A silo died and the grain moves to another: the next round reaches it there.
                    watchedAt = DateTime.MinValue;
                }
                if (cancellation.IsCancellationRequested || cluster.Slots?.Stalled == true)
                    return false;
                await watcher.Changed.WaitAsync(Redraw, cancellation).ContinueWith(_ => { }, TaskScheduler.Default);
                watcher.Reset();
            }
        }
        finally
        {
            view.Update();
            await Unwatch(grain, reference);
            cluster.Client.DeleteObjectReference<ISweepWatcher>(reference);
        }
    }

    /// <summary>Asks the grain to stop pushing; a grain out of reach forgets the watcher within a minute anyway.</summary>
    private static async Task Unwatch(ISweepGrain grain, ISweepWatcher reference)
    {
        try
        {
            await grain.Unwatch(reference).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
        }
    }

    /// <summary>Wakes the follower when the sweep's grain pushes a change.</summary>
    private sealed class Watcher : ISweepWatcher
    {
        private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Changed => changed.Task;

        Task ISweepWatcher.Changed(SweepState state)
        {
            changed.TrySetResult();
            return Task.CompletedTask;
        }

        public void Reset()
        {
            if (changed.Task.IsCompleted)
                changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
