using Orleans.Concurrency;

namespace Silo.Grains;

/// <summary>A client following a sweep: its grain pushes each change.</summary>
public interface ISweepWatcher : IGrainObserver
{
    /// <summary>The sweep changed: a trial started or ended, or the sweep was cancelled.</summary>
    [OneWay]
    Task Changed(SweepState state);
}
