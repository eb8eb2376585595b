using Orleans.Concurrency;

namespace Silo.Grains;

/// <summary>
/// The cluster's one scheduler (key 0): which trial runs next and on which silo's slot, and what
/// becomes of the trials of a silo that died.
/// </summary>
public interface ISchedulerGrain : IGrainWithIntegerKey
{
    /// <summary>A silo reports its slots; the answer says which trials its free slots start and which running ones stop.</summary>
    Task<SiloOrders> Poll(SiloReport report);

    /// <summary>A sweep became active, or stopped being so.</summary>
    [OneWay]
    Task SweepChanged(string sweep, bool active);

    /// <summary>Whether <paramref name="sweep"/>'s search may still propose trials: false unless it is Bayesian, short of run_cap, its target and its budget, and its search has not failed.</summary>
    /// <remarks>
    /// A sweep grain asks this; the scheduler never waits on a sweep or trial grain (it only
    /// notifies them, one way), so the two cannot wait on each other.
    /// </remarks>
    Task<bool> Proposes(string sweep);

    /// <summary>The live silos' last reports (read-only, so it may interleave with a poll).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<SiloReport>> Silos();
}
