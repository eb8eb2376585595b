
namespace Silo.Stores;

/// <summary>
/// Where sweeps, trials and everything trials record live: one interface a backend implements,
/// made of what each of its users needs (<see cref="ISweepQueue"/> for running sweeps,
/// <see cref="ITrialRecorder"/> for a trainer's fenced writes, <see cref="ISweepReader"/> for
/// results). Shaped for several workers on other machines: a worker claims a trial with a lease
/// and keeps it with heartbeats.
/// </summary>
public interface ISweepStore : ISweepQueue, ITrialRecorder, ISweepReader, IDisposable;
