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

    /// <summary>
    /// Proposes and queues the sweep's next trial, and lets the store drop the checkpoints no trial
    /// will start from any more; says whether it queued one, cannot until running trials end, or
    /// may propose no more.
    /// </summary>
    /// <exception cref="StoreException">The stored space cannot be read (<see cref="StoreErrorCode.Corrupt"/>).</exception>
    public static Proposing ProposeNext(ISweepStore store, StoredSweep sweep)
    {
        if (SpaceOf(sweep) is not { SearchMethod.Learns: true } space)
            return Proposing.Ended;
        var trials = store.Trials(sweep.Name);
        if (space.SearchMethod.Remaining(space, trials.Count) == 0)
            return Proposing.Ended;
        var evaluations = store.Evaluations(sweep.Name);
        var finals = store.LatestMetrics(sweep.Name);
        var history = trials.Select(t => new SearchObservation(t.Config, Loss(sweep, t, evaluations.GetValueOrDefault(t.Id), finals.GetValueOrDefault(t.Id)))
        {
            TrialId = t.Id,
            Ended = TrialStates.IsEnded(t.Status),
            Index = t.Index,
            Parent = t.Parent,
        }).ToList();
        if (space.SearchMethod.Propose(space, history, trials.Count) is not { } proposal)
            return Proposing.Waiting;
        store.AddTrial(sweep.Name, proposal.Config, proposal.Parent, proposal.Index);
        // Most proposals release nothing: no transaction for them.
        if (proposal.Released.Count > 0)
            store.DropCheckpoints(proposal.Released);
        return Proposing.Queued;
    }

    /// <summary>
    /// Whether the ended trial <paramref name="trial"/> of <paramref name="sweep"/> keeps its
    /// checkpoint for a later trial of its search. A space that cannot be read keeps none: its
    /// search proposes nothing more, and the trial itself trained and ended all the same.
    /// </summary>
    public static bool KeepsCheckpoint(StoredSweep sweep, TrialRecord trial) =>
        Readable(sweep) is { } space && space.SearchMethod.KeepsCheckpoint(space, trial.Config);

    /// <summary>
    /// Drops what the sweep's search kept for trials it proposes no more: a population's
    /// checkpoints of its last stretches. Only a search that proposes trials keeps any, so a grid
    /// of 100,000 trials is not read to find none; nor is a sweep whose space cannot be read.
    /// </summary>
    public static void Settle(ISweepStore store, string sweep)
    {
        // A failed trial keeps its checkpoint for 'sweep resume --failed'; the others that ended kept theirs only for the trials to come.
        if (store.FindSweep(sweep) is { } stored && Readable(stored) is { SearchMethod.Learns: true })
            store.DropCheckpoints([.. store.Trials(sweep).Where(t => !TrialStates.KeepsCheckpoint(t.Status) && KeepsCheckpoint(stored, t)).Select(t => t.Id)]);
    }

    /// <summary>The sweep's space; null without one, or when it cannot be read (the scheduler says so when it proposes).</summary>
    public static SearchSpace? Readable(StoredSweep sweep)
    {
        try
        {
            return SpaceOf(sweep);
        }
        catch (StoreException e) when (e.Code == StoreErrorCode.Corrupt)
        {
            return null;
        }
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

/// <summary>What a learning search did when asked for a trial.</summary>
public enum Proposing
{
    /// <summary>It queued one.</summary>
    Queued,
    /// <summary>It can propose one only once trials running now end (a population between two stretches).</summary>
    Waiting,
    /// <summary>It may propose no more.</summary>
    Ended,
}
