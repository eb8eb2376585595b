using Silo.Stores;

namespace Silo.Search;

/// <summary>
/// How a Bayesian sweep grows in the store: it is created with its random start-up trials, and
/// each time a slot finds none of its trials queued, the scheduler asks here for one more, proposed
/// by <see cref="TreeParzen"/> from every trial so far, until run_cap trials exist or the sweep's
/// target or budget is reached.
/// </summary>
public static class BayesSearch
{
    /// <summary>How many more trials <paramref name="sweep"/> may get proposed: none unless it is Bayesian, below run_cap, and short of its target and budget.</summary>
    public static int Remaining(ISweepStore store, StoredSweep sweep) =>
        sweep.Search is { } search && SweepLimits.Reached(store, sweep, DateTimeOffset.UtcNow) is null
            ? Math.Max(0, SpaceOf(sweep.Name, search).RunCap - store.Trials(sweep.Name).Count)
            : 0;

    /// <summary>Proposes and queues the sweep's next trial; null when it is not Bayesian or already holds run_cap trials.</summary>
    public static TrialRecord? ProposeNext(ISweepStore store, StoredSweep sweep)
    {
        if (sweep.Search is not { } search)
            return null;
        var space = SpaceOf(sweep.Name, search);
        var trials = store.Trials(sweep.Name);
        if (trials.Count >= space.RunCap)
            return null;
        var evaluations = store.Evaluations(sweep.Name);
        var finals = store.LatestMetrics(sweep.Name);
        var history = trials.Select(t => new SearchObservation(t.Config, Loss(sweep, t, evaluations.GetValueOrDefault(t.Id), finals.GetValueOrDefault(t.Id)))).ToList();
        return store.AddTrial(sweep.Name, TreeParzen.Propose(space, history, trials.Count));
    }

    /// <summary>
    /// The search space stored with <paramref name="sweep"/>; a <see cref="StoreException"/> naming
    /// the sweep when it cannot be read, so that the sweep alone ends, and its trials stay.
    /// </summary>
    private static SearchSpace SpaceOf(string sweep, string search)
    {
        try
        {
            return SearchSpace.FromJson(search);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new StoreException(StoreErrorCode.Corrupt,
                $"The search space stored with sweep '{sweep}' cannot be read ({e.Message}): another version of sweep wrote it, or it was changed by hand. "
                + "Its trials so far stay as they are; to search on, run the sweep file again under a new --name.");
        }
    }

    /// <summary>A completed trial's sweep metric, turned so that lower is better; null for any other trial, or a score that is not a number.</summary>
    private static double? Loss(StoredSweep sweep, TrialRecord trial, StoredEvaluation? evaluation, Gan.Core.Metrics.MetricRecord? final) =>
        trial.Status == TrialStates.Completed && ScoreCatalog.ValueOf(sweep.Metric, evaluation, final) is { } value && double.IsFinite(value)
            ? sweep.Minimize ? value : -value
            : null;
}
