using System.Collections.Concurrent;
using Silo.Stores;

namespace Silo.Search;

/// <summary>
/// A stored sweep's search as the scheduler runs it: its space and method, read from the store
/// once per process, and the trials its method proposes as slots find none queued, until it may
/// propose no more or the sweep's target or budget is reached. A sweep stored without a space (a
/// grid or random sweep of an earlier version) proposes none.
/// </summary>
public static class SweepSearch
{
    // Keyed by the stored text itself: a space never changes once stored, and parsing it on every
    // proposal would read it again for each of a 100,000-trial sweep's trials.
    private static readonly ConcurrentDictionary<string, SearchSpace> Spaces = new();

    /// <summary>How many more trials <paramref name="sweep"/> may get proposed: none unless its method learns, it is below run_cap, and short of its target and budget.</summary>
    /// <exception cref="StoreException">The stored space cannot be read (<see cref="StoreErrorCode.Corrupt"/>).</exception>
    public static int Remaining(ISweepStore store, StoredSweep sweep) =>
        SpaceOf(sweep) is { SearchMethod.Learns: true } space && SweepLimits.Reached(store, sweep, DateTimeOffset.UtcNow) is null
            ? space.SearchMethod.Remaining(space, store.TrialCounts(sweep.Name).Values.Sum())
            : 0;

    /// <summary>Proposes and queues the sweep's next trial; null when its method may propose no more.</summary>
    /// <exception cref="StoreException">The stored space cannot be read (<see cref="StoreErrorCode.Corrupt"/>).</exception>
    public static TrialRecord? ProposeNext(ISweepStore store, StoredSweep sweep)
    {
        if (SpaceOf(sweep) is not { SearchMethod.Learns: true } space)
            return null;
        var trials = store.Trials(sweep.Name);
        if (space.SearchMethod.Remaining(space, trials.Count) == 0)
            return null;
        var evaluations = store.Evaluations(sweep.Name);
        var finals = store.LatestMetrics(sweep.Name);
        var history = trials.Select(t => new SearchObservation(t.Config, Loss(sweep, t, evaluations.GetValueOrDefault(t.Id), finals.GetValueOrDefault(t.Id)))).ToList();
        return store.AddTrial(sweep.Name, space.SearchMethod.Propose(space, history, trials.Count));
    }

    /// <summary>
    /// The search space stored with <paramref name="sweep"/>, or null without one; a
    /// <see cref="StoreException"/> naming the sweep when it cannot be read, so that the sweep
    /// alone ends, and its trials stay.
    /// </summary>
    public static SearchSpace? SpaceOf(StoredSweep sweep)
    {
        if (sweep.Search is not { } search)
            return null;
        try
        {
            var space = Spaces.GetOrAdd(search, SearchSpace.FromJson);
            // A method this version does not know is as unreadable as broken JSON: it throws here.
            _ = space.SearchMethod;
            return space;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new StoreException(StoreErrorCode.Corrupt,
                $"The search space stored with sweep '{sweep.Name}' cannot be read ({e.Message}): another version of sweep wrote it, or it was changed by hand. "
                + "Its trials so far stay as they are; to search on, run the sweep file again under a new --name.");
        }
    }

    /// <summary>A completed trial's sweep metric, turned so that lower is better; null for any other trial, or a score that is not a number.</summary>
    private static double? Loss(StoredSweep sweep, TrialRecord trial, StoredEvaluation? evaluation, Gan.Core.Metrics.MetricRecord? final) =>
        trial.Status == TrialStates.Completed && ScoreCatalog.ValueOf(sweep.Metric, evaluation, final) is { } value && double.IsFinite(value)
            ? sweep.Minimize ? value : -value
            : null;
}
