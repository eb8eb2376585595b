using Orleans.Concurrency;

namespace Silo.Grains;

/// <summary>A stored sweep on the cluster, keyed by its name: starts, cancels, and tells watchers how it goes.</summary>
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Makes the sweep active: the scheduler hands its queued trials to free slots.</summary>
    Task<SweepState> Start();

    /// <summary>Stops the sweep: no trial of it starts again, and running ones checkpoint and stop as interrupted.</summary>
    Task<SweepState> Cancel();

    /// <summary>The sweep's state now.</summary>
    Task<SweepState> State();

    /// <summary>Pushes every change to <paramref name="watcher"/> for a minute; watchers call again to stay on.</summary>
    Task Watch(ISweepWatcher watcher);

    /// <summary>Stops pushing to <paramref name="watcher"/>.</summary>
    Task Unwatch(ISweepWatcher watcher);

    /// <summary>One of its trials started, ended or was handed back, or its search ended (trial grains and the scheduler say so, one way).</summary>
    [OneWay]
    Task TrialChanged();
}
