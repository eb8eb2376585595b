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

    /// <summary>
    /// The bytes of sample grids one report aims to hold: a hundred MNIST grids. A colour grid is
    /// several times an MNIST one (noisy backgrounds compress badly), so a trial whose grids are
    /// larger shows fewer of them.
    /// </summary>
    public const long GridBytesBudget = GridBudget * 85_000L;

    /// <summary>The most trials shown whole (a row, curves, a film strip): a report's size follows them, so a larger sweep shows its best.</summary>
    public const int DetailedTrials = 100;

    /// <summary>The most trials the effect charts plot; a larger sweep is sampled by rank, its best always among them.</summary>
    public const int PopulationPoints = 10_000;

    /// <summary>The most lines the parallel-coordinates chart draws, an SVG path each.</summary>
    public const int ParallelLines = 1_000;

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
        // Trials asked for by id are shown whole, however many; otherwise the best of a large sweep.
        var rows = trialIds is null ? [.. table.Rows.Take(DetailedTrials)] : table.Rows.Where(r => trialIds.Contains(r.Trial.Id)).ToList();
        var limits = new ReportLimits(PointsPerCurve, Math.Clamp(GridBudget / Math.Max(rows.Count, 1), MinFrames, MaxFrames))
        {
            GridBytesPerTrial = GridBytesBudget / Math.Max(rows.Count, 1),
        };
        return new ReportModel(sweep.Name, Description(sweep), sweep.Metric, sweep.Minimize, table.Searched, [.. table.Columns.Select(c => c.Name)],
            [.. rows.Select(r => Trial(store, table, r, sweep.Metric, limits))], Population(table, sweep.Metric), limits)
        {
            Lineage = Lineage(table, sweep),
        };
    }

    /// <summary>A pbt sweep's stretches, each with its member, steps, parent, score and mutable options; null for another method, or past <see cref="PopulationPoints"/> stretches.</summary>
    public static ReportLineage? Lineage(ResultsTable table, StoredSweep sweep)
    {
        if (SweepSearch.SpaceOf(sweep) is not { Population: { } population } || table.Rows.Count > PopulationPoints)
            return null;
        var byId = table.Rows.ToDictionary(r => r.Trial.Id, r => r.Trial);
        int MemberOf(TrialRecord t) => population.MemberOf(t.Index);
        return new ReportLineage(population.Size, population.TotalSteps, population.Mutations, [.. table.Rows.OrderBy(r => r.Trial.Index).Select(r =>
        {
            var parent = r.Trial.Parent is { } id ? byId.GetValueOrDefault(id) : null;
            return new ReportStretch(r.Trial.Id, MemberOf(r.Trial), parent?.Config.Options.Steps ?? 0, r.Trial.Config.Options.Steps ?? 0, parent?.Id,
                parent is not null && MemberOf(parent) != MemberOf(r.Trial), r.Trial.Status, Finite(r.Metric(sweep.Metric)),
                [.. population.Mutations.Select(name => Json(r.Trial.Config.GetValueOrDefault(name)))]);
        })]);
    }

    /// <summary>The sweep in brief: counts by state, and its scored trials (a sample by rank of a large sweep) as the effect charts plot them.</summary>
    public static ReportPopulation Population(ResultsTable table, string metric)
    {
        var scored = table.Rows.Where(r => Finite(r.Metric(metric)) is not null).ToList();
        var plotted = SampledByRank(scored.Count, PopulationPoints, DetailedTrials).Select(i => scored[i]).ToList();
        return new ReportPopulation(
            table.Rows.Count,
            table.Rows.GroupBy(r => r.Trial.Status).ToDictionary(g => g.Key, g => g.Count()),
            scored.Count,
            [.. plotted.Select(r => r.Trial.Id)],
            [.. plotted.Select(r => r.Metric(metric)!.Value)],
            table.Searched.ToDictionary(key => key, key => (IReadOnlyList<object?>)[.. plotted.Select(r => Json(r.Trial.Config.GetValueOrDefault(key)))]),
            [.. SampledByRank(plotted.Count, ParallelLines, DetailedTrials)]);
    }

    /// <summary>
    /// Indices of <paramref name="count"/> ranked items to keep at most <paramref name="most"/> of:
    /// the first <paramref name="best"/>, then the rest evenly spaced, the last among them (alone, when one place is left).
    /// </summary>
    public static IEnumerable<int> SampledByRank(int count, int most, int best)
    {
        if (count <= most)
            return Enumerable.Range(0, count);
        var rest = most - best;
        return Enumerable.Range(0, best)
            .Concat(Enumerable.Range(0, rest).Select(i => rest == 1 ? count - 1 : best + (int)Math.Round(i * (count - 1 - best) / (double)(rest - 1))))
            .Distinct();
    }

    /// <summary>One trial of <paramref name="table"/> as a report shows it.</summary>
    public static ReportTrial Trial(ISweepReader store, ResultsTable table, ResultRow row, string metric, ReportLimits limits)
    {
        var trial = row.Trial;
        var records = store.Metrics(trial.Id);
        var grids = store.ArtifactEpochs(trial.Id, ArtifactKind.SampleGrid);
        // The last grid's size stands for the others': the frames that fit the trial's share of the bytes.
        var lastGrid = grids.Count > 0 ? store.Artifact(trial.Id, ArtifactKind.SampleGrid, grids[^1])?.Bytes.Length ?? 1 : 1;
        var frameCount = (int)Math.Clamp(limits.GridBytesPerTrial / Math.Max(lastGrid, 1), MinFrames, limits.FramesPerTrial);
        var frames = Spaced(grids, frameCount)
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
    public static IReadOnlyList<long> Spaced(IReadOnlyList<long> epochs, int count) =>
        [.. SampledByRank(epochs.Count, count, best: 0).Select(i => epochs[i])];

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
