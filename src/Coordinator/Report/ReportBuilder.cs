using Coordinator.Cli;
using Coordinator.Results;
using Coordinator.Sweeps;
using Gan.Core.Metrics;
using Gan.Core.Training;
using Silo.Search;
using Silo.Stores;

namespace Coordinator.Report;

/// <summary>Reads a sweep from a store into the <see cref="ReportModel"/> a report page shows.</summary>
public static class ReportBuilder
{
    /// <summary>The most points one curve has.</summary>
    public const int PointsPerCurve = 500;

    /// <summary>
    /// The sample grids one report aims to hold: grids are most of a report's size (an MNIST grid
    /// is about 85 KB), so a sweep of many trials shows fewer per trial, down to its last.
    /// </summary>
    public const int GridBudget = 100;

    /// <summary>The fewest and the most grids a trial's film strip shows.</summary>
    public const int MinFrames = 1, MaxFrames = 100;

    /// <summary>The metrics a report draws; the others (speed, D(G(z)) after D's step) stay in the store.</summary>
    public static readonly string[] Drawn =
    [
        MetricNames.LossD, MetricNames.LossG, MetricNames.DReal, MetricNames.DFakeBefore, MetricNames.AccuracyReal,
        MetricNames.AccuracyFake, MetricNames.GradNormD, MetricNames.GradNormG, MetricNames.QuickFid,
    ];

    /// <summary>The report of <paramref name="sweepName"/>: every trial, or those in <paramref name="trialIds"/>.</summary>
    /// <exception cref="StoreException">No such sweep.</exception>
    /// <exception cref="UserInputException">A trial id that is not the sweep's.</exception>
    public static ReportModel Build(ISweepReader store, string sweepName, IReadOnlyCollection<long>? trialIds = null)
    {
        var table = ResultsTable.Build(store, sweepName);
        var sweep = store.FindSweep(sweepName)!;
        if (trialIds?.Where(id => table.Rows.All(r => r.Trial.Id != id)).Select(id => (long?)id).FirstOrDefault() is { } stranger)
            throw new UserInputException($"trials: sweep '{TerminalText.Quote(sweepName)}' has no trial {stranger}. 'sweep show {TerminalText.Quote(sweepName)}' lists its trials.");
        var rows = trialIds is null ? table.Rows : [.. table.Rows.Where(r => trialIds.Contains(r.Trial.Id))];
        var limits = new ReportLimits(PointsPerCurve, Math.Clamp(GridBudget / Math.Max(rows.Count, 1), MinFrames, MaxFrames));
        return new ReportModel(sweep.Name, Description(sweep), sweep.Metric, sweep.Minimize, table.Swept, [.. table.Columns.Select(c => c.Name)],
            [.. rows.Select(r => Trial(store, table, r, sweep.Metric, limits))], limits);
    }

    /// <summary>One trial of <paramref name="table"/> as a report shows it.</summary>
    public static ReportTrial Trial(ISweepReader store, ResultsTable table, ResultRow row, string metric, ReportLimits limits)
    {
        var trial = row.Trial;
        var records = store.Metrics(trial.Id);
        var grids = store.ArtifactEpochs(trial.Id, ArtifactKind.SampleGrid);
        var frames = Spaced(grids, limits.FramesPerTrial)
            .Select(epoch => store.Artifact(trial.Id, ArtifactKind.SampleGrid, epoch))
            .OfType<TrialArtifact>()
            .Select(grid => new ReportFrame(grid.Epoch, "data:image/png;base64," + Convert.ToBase64String(grid.Bytes)));
        var reached = Math.Max(trial.Step, records.Count > 0 ? records[^1].Step : 0);
        return new ReportTrial(
            trial.Id, trial.Status, [.. HealthFlagNames.In(trial.Flags)], trial.Error,
            table.Swept.ToDictionary(key => key, key => Json(trial.Config.GetValueOrDefault(key))),
            [.. table.Columns.Select(c => Json(c.Value(row)))], [.. table.Columns.Select(c => c.Display(row))],
            Finite(row.Metric(metric)), reached, trial.TotalSteps,
            records.Count > 0 ? CurveThinning.Thin(records, Drawn, limits.PointsPerCurve) : null,
            FlagMarks.Find(trial.Flags, records, trial.Step), trial.Status == TrialStates.Stopped ? reached : null, row.Evaluation?.Step,
            [.. frames], grids.Count,
            ScoreCatalog.List.Select(s => s.Name).Where(n => Finite(row.Metric(n)) is not null).ToDictionary(n => n, n => row.Metric(n)!.Value));
    }

    /// <summary>At most <paramref name="count"/> of <paramref name="epochs"/>, evenly spaced, the first and the last among them.</summary>
    public static IReadOnlyList<long> Spaced(IReadOnlyList<long> epochs, int count)
    {
        if (epochs.Count <= count)
            return epochs;
        if (count == 1)
            return [epochs[^1]];
        return [.. Enumerable.Range(0, count).Select(i => epochs[(int)Math.Round(i * (epochs.Count - 1) / (double)(count - 1))]).Distinct()];
    }

    private static string? Description(StoredSweep sweep)
    {
        try
        {
            return SweepFileParser.Parse(sweep.FileText, sweep.Name).Description;
        }
        catch (SweepFileException)
        {
            // A file an older version accepted: the report goes on without its description.
            return null;
        }
    }

    /// <summary>A value JSON can hold: numbers that are not finite become null.</summary>
    private static object? Json(object? value) => value switch
    {
        double d => Finite(d),
        float f => Finite(f),
        _ => value,
    };

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
