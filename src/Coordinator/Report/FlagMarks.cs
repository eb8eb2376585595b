using Gan.Core.Metrics;
using Gan.Core.Training;

namespace Coordinator.Report;

/// <summary>
/// Where a trial's health flags fired, found in its records by the trainer's own rules: the store
/// keeps which flags a trial raised, not when.
/// </summary>
public static class FlagMarks
{
    /// <summary>A mark for each flag in <paramref name="flags"/>, at the step it fired (the last step when the records do not show it).</summary>
    public static IReadOnlyList<FlagMark> Find(HealthFlags flags, IReadOnlyList<MetricRecord> records, long lastStep)
    {
        var end = records.Count > 0 ? records[^1].Step : lastStep;
        var marks = new List<FlagMark>();
        if (flags.HasFlag(HealthFlags.Diverged))
            marks.Add(new FlagMark(HealthFlagNames.Of(HealthFlags.Diverged), records.FirstOrDefault(Diverged)?.Step ?? Math.Max(end, lastStep)));
        if (flags.HasFlag(HealthFlags.DOverpowers))
            marks.Add(new FlagMark(HealthFlagNames.Of(HealthFlags.DOverpowers), Overpowered(records) ?? end));
        // Mode collapse is judged on the final samples.
        if (flags.HasFlag(HealthFlags.ModeCollapse))
            marks.Add(new FlagMark(HealthFlagNames.Of(HealthFlags.ModeCollapse), end));
        return marks;
    }

    private static bool Diverged(MetricRecord record) =>
        record.Values.Values.Any(v => !double.IsFinite(v)) ||
        new[] { MetricNames.LossD, MetricNames.LossG }.Any(n => record.Values.TryGetValue(n, out var v) && v > Trainer.DivergedLoss);

    /// <summary>The step of the first record that ends <see cref="Trainer.OverpowerIntervals"/> in a row with D(G(z)) under <see cref="Trainer.OverpowerThreshold"/>.</summary>
    private static long? Overpowered(IReadOnlyList<MetricRecord> records)
    {
        var run = 0;
        foreach (var record in records)
        {
            run = record.Values.TryGetValue(MetricNames.DFakeBefore, out var v) && v < Trainer.OverpowerThreshold ? run + 1 : 0;
            if (run == Trainer.OverpowerIntervals)
                return record.Step;
        }
        return null;
    }
}
