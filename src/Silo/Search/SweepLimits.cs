using System.Globalization;
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

    /// <summary>Why the sweep is to start no more trials, or null while it may.</summary>
    public static string? Reached(ISweepReader store, StoredSweep sweep, DateTimeOffset now)
    {
        if (sweep.Budget is null && sweep.Target is null)
            return null;
        if (Deadline(sweep, store) is { } deadline && now >= deadline.At)
            return deadline.Reason;
        if (sweep.Target is not { } target)
            return null;
        var trials = store.Trials(sweep.Name);
        var evaluations = store.Evaluations(sweep.Name);
        var finals = store.LatestMetrics(sweep.Name);
        var reached = trials.Where(t => TrialStates.EndedOnPurpose(t.Status))
            .Select(t => (t.Id, Value: ScoreCatalog.ValueOf(sweep.Metric, evaluations.GetValueOrDefault(t.Id), finals.GetValueOrDefault(t.Id))))
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
