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
    /// <remarks>
    /// Interleaves with a poll in progress: a poll calls a trial grain, which calls its sweep
    /// grain, which may be calling here; waiting for the poll would close that circle.
    /// </remarks>
    [AlwaysInterleave]
    Task SweepChanged(string sweep, bool active);

    /// <summary>Whether <paramref name="sweep"/>'s search may still propose trials: false unless it is Bayesian, short of run_cap, its target and its budget, and its search has not failed.</summary>
    /// <remarks>Interleaves for the same reason as <see cref="SweepChanged"/>: a sweep grain asks while a poll may be waiting on it.</remarks>
    [AlwaysInterleave]
    Task<bool> Proposes(string sweep);

    /// <summary>The live silos' last reports.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<SiloReport>> Silos();
}
