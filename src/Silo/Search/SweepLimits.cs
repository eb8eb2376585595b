using System.Globalization;
using Gan.Core.Metrics;
using Silo.Stores;

namespace Silo.Search;

/// <summary>
/// When a sweep stops proposing trials: once a trial reaches its metric's target, or once its
/// time budget, counted from its first trial's start, is spent. Queued trials then end as stopped;
/// with a budget, running ones stop too, at their next metric record, and are scored.
/// </summary>
public static class SweepLimits
{
    /// <summary>When the sweep's budget runs out, with what a trial stopped then says; null without a budget or before any trial started.</summary>
    public static (DateTimeOffset At, string Reason)? Deadline(StoredSweep sweep, ISweepReader store) =>
        sweep.Budget is { } budget && store.FirstStarted(sweep.Name) is { } first
            ? (first + budget, $"budget: the sweep's {Format(budget)} is spent")
            : null;

    /// <summary>Why the sweep is to start no more trials, or null while it may. Reads every trial of a sweep with a target.</summary>
    public static string? Reached(ISweepReader store, StoredSweep sweep, DateTimeOffset now) =>
        Expired(store, sweep, now) ?? TargetReached(store, sweep);

    /// <summary>Why the sweep's budget stops it, or null while its budget lasts or it has none.</summary>
    public static string? Expired(ISweepReader store, StoredSweep sweep, DateTimeOffset now) =>
        Deadline(sweep, store) is { } deadline && now >= deadline.At ? deadline.Reason : null;

    /// <summary>Which of the sweep's trials reached its target, as a reason to stop; null without a target or before one does. Reads every trial.</summary>
    public static string? TargetReached(ISweepReader store, StoredSweep sweep)
    {
        if (sweep.Target is null)
            return null;
        var evaluations = store.Evaluations(sweep.Name);
        var finals = store.LatestMetrics(sweep.Name);
        return TargetReachedBy(sweep, store.Trials(sweep.Name), evaluations.GetValueOrDefault, finals.GetValueOrDefault);
    }

    /// <summary>
    /// Whether one of <paramref name="trials"/> (the sweep's) reached its target: reads only their scores, so
    /// that a scheduler that has checked a sweep once checks each trial that ends since, not the
    /// whole sweep again at every claim, which grew with the sweep.
    /// </summary>
    public static string? TargetReachedBy(ISweepReader store, StoredSweep sweep, IEnumerable<TrialRecord> trials) =>
        sweep.Target is null ? null : TargetReachedBy(sweep, trials, store.Evaluation, store.LatestMetrics);

    private static string? TargetReachedBy(StoredSweep sweep, IEnumerable<TrialRecord> trials, Func<long, StoredEvaluation?> evaluation, Func<long, MetricRecord?> final)
    {
        var target = sweep.Target!.Value;
        var reached = trials.Where(t => TrialStates.EndedOnPurpose(t.Status))
            .Select(t => (t.Id, Value: ScoreCatalog.ValueOf(sweep.Metric, evaluation(t.Id), final(t.Id))))
            .FirstOrDefault(t => t.Value is { } value && (sweep.Minimize ? value <= target : value >= target));
        return reached.Value is { } best
            ? $"target: trial {reached.Id} reached {sweep.Metric} {best.ToString("G4", CultureInfo.InvariantCulture)} (target {target.ToString("G4", CultureInfo.InvariantCulture)})"
            : null;
    }

    /// <summary>A duration as a sweep file writes a budget: 1h30m, 30m, 45s.</summary>
    public static string Format(TimeSpan budget) =>
        string.Concat(
            budget.TotalHours >= 1 ? $"{(int)budget.TotalHours}h" : "",
            budget.Minutes > 0 ? $"{budget.Minutes}m" : "",
            budget.Seconds > 0 || budget < TimeSpan.FromMinutes(1) ? $"{budget.Seconds}s" : "");
}
