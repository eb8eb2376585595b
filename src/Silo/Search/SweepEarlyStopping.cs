using System.Globalization;
using Gan.Core.Metrics;
using Gan.Core.Training;
using Silo.Stores;

namespace Silo.Search;

/// <summary>
/// A sweep's early-termination rules applied to one of its trials as it trains. gan-health reads
/// the trial's own records; hyperband and median compare its quick score with what the sweep's
/// other trials recorded at the same step, read from the store at that moment.
/// </summary>
/// <param name="rules">The sweep's rules.</param>
/// <param name="store">The store the trial writes to.</param>
/// <param name="trial">The trial.</param>
/// <param name="history">What the trial recorded before this attempt (a resumed trial's), so that runs of saturated records carry over.</param>
/// <param name="deadline">When the sweep's budget runs out, and what a trial stopped then says.</param>
public sealed class SweepEarlyStopping(EarlyTermination rules, ISweepReader store, TrialRecord trial, IReadOnlyList<MetricRecord> history,
    (DateTimeOffset At, string Reason)? deadline = null) : IEarlyStopping
{
    private int saturated = Trailing(history, record => Saturated(rules, record));
    private int collapsed = Trailing(history.Where(r => r.Values.ContainsKey(MetricNames.QuickCoverage)), record => Collapsed(rules, record));
    private double peakCoverage = history.Select(r => r.Values.GetValueOrDefault(MetricNames.QuickCoverage)).DefaultIfEmpty(0).Max();

    /// <inheritdoc />
    public bool ScoresAt(long step) =>
        (rules.Has(EarlyTerminationType.Hyperband) && HyperbandRungs.IsRung(rules, step)) ||
        (rules.Has(EarlyTerminationType.Median) && IsMedianStep(step));

    /// <inheritdoc />
    public string? Check(MetricRecord record, HealthFlags flags)
    {
        if (deadline is { } budget && DateTimeOffset.UtcNow >= budget.At)
            return budget.Reason;
        if (rules.Has(EarlyTerminationType.GanHealth) && Health(record) is { } unhealthy)
            return unhealthy;
        if (!record.Values.TryGetValue(rules.Metric, out var value))
            return null;
        if (rules.Has(EarlyTerminationType.Hyperband) && HyperbandRungs.IsRung(rules, record.Step))
            return Hyperband(record.Step, value);
        if (rules.Has(EarlyTerminationType.Median) && IsMedianStep(record.Step))
            return Median(record.Step, value);
        return null;
    }

    private string? Health(MetricRecord record)
    {
        saturated = Saturated(rules, record) ? saturated + 1 : 0;
        if (record.Values.TryGetValue(MetricNames.QuickCoverage, out var coverage))
        {
            collapsed = Collapsed(rules, record) ? collapsed + 1 : 0;
            peakCoverage = Math.Max(peakCoverage, coverage);
        }
        if (record.Step < rules.Grace)
            return null;
        if (saturated >= rules.SaturatedRecords)
            return $"gan-health d_saturated: D(G(z)) under {N(rules.SaturatedDgz)} and D's accuracy at least {N(rules.SaturatedAccuracy)} for {saturated} records in a row";
        // Collapse is losing classes once covered: early samples are blobs that a classifier
        // puts in one or two classes whatever the trial will become.
        if (collapsed >= rules.CollapsedChecks && peakCoverage >= 2 * rules.MinCoverage)
            return $"gan-health coverage_collapsed: {N(record.Values[MetricNames.QuickCoverage])} classes covered, under {rules.MinCoverage}, at {collapsed} quick scores in a row, after {N(peakCoverage)} at best";
        return null;
    }

    private string? Hyperband(long step, double value)
    {
        // This trial's value at the rung is stored with the rest of its step's writes, after this check.
        var values = new Dictionary<long, double>(store.MetricAt(trial.Sweep, rules.Metric, step)) { [trial.Id] = value };
        var cutoff = HyperbandRungs.Cutoff([.. values.Values], rules.Eta, rules.Minimize);
        return Worse(value, cutoff)
            ? $"hyperband: {rules.Metric} {N(value)} at rung {step} is outside the best 1/{N(rules.Eta)} of the {values.Count} trials there (cutoff {N(cutoff)})"
            : null;
    }

    private string? Median(long step, double value)
    {
        var peers = store.MetricAt(trial.Sweep, rules.Metric, step).Where(p => p.Key != trial.Id).Select(p => p.Value).Order().ToList();
        if (peers.Count < rules.MinTrials)
            return null;
        var median = peers.Count % 2 == 1 ? peers[peers.Count / 2] : (peers[peers.Count / 2 - 1] + peers[peers.Count / 2]) / 2;
        return Worse(value, median)
            ? $"median: {rules.Metric} {N(value)} at step {step} is worse than the median {N(median)} of {peers.Count} other trials"
            : null;
    }

    private bool IsMedianStep(long step) => step >= rules.MinIter && (step - rules.MinIter) % rules.Interval == 0;

    private bool Worse(double value, double than) => rules.Minimize ? value > than : value < than;

    private static bool Saturated(EarlyTermination rules, MetricRecord record) =>
        record.Values.TryGetValue(MetricNames.DFakeBefore, out var dgz) && dgz < rules.SaturatedDgz &&
        record.Values.TryGetValue(MetricNames.AccuracyReal, out var real) && record.Values.TryGetValue(MetricNames.AccuracyFake, out var fake) &&
        (real + fake) / 2 >= rules.SaturatedAccuracy;

    private static bool Collapsed(EarlyTermination rules, MetricRecord record) =>
        record.Values.TryGetValue(MetricNames.QuickCoverage, out var coverage) && coverage < rules.MinCoverage;

    /// <summary>How many of the last records in a row meet <paramref name="condition"/>.</summary>
    private static int Trailing(IEnumerable<MetricRecord> records, Func<MetricRecord, bool> condition) =>
        records.Reverse().TakeWhile(condition).Count();

    private static string N(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
