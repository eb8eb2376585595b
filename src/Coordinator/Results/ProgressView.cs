using System.Globalization;
using Coordinator.Cli;
using Silo.Stores;
using Silo.Search;

namespace Coordinator.Results;

/// <summary>
/// Shows a running sweep: a line per running trial (its swept hyperparameters, an epoch/step bar,
/// loss_d, loss_g, D(x), D(G(z))) and a summary line (trials done, by how they ended, and an ETA).
/// On a terminal it redraws in place; otherwise it prints plain lines: a line per trial that starts
/// or ends while the sweep has at most <see cref="TrialLinesUpTo"/> trials, and progress every 10 s.
/// </summary>
/// <remarks>
/// Each look costs the store a count by state and a read of the running trials, so that following
/// a sweep of 100,000 trials costs what following one of ten does; only a sweep small enough for a
/// line per trial is read whole.
/// </remarks>
public sealed class ProgressView
{
    /// <summary>The most trials a sweep may have for a line per trial; a larger one prints its summary every 10 s instead.</summary>
    public const int TrialLinesUpTo = 100;

    /// <summary>The most running trials drawn, each on a line of its own; the rest are counted.</summary>
    public const int RunningLinesUpTo = 20;

    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxEta = TimeSpan.FromDays(31);
    private readonly ISweepReader store;
    private readonly string sweep;
    private readonly TextWriter output;
    private readonly bool live;
    private readonly SweptOptions swept = new();
    // A learning search's space: the trials it is still to propose count in the total and the ETA.
    private readonly SearchSpace? space;
    private int drawnLines;
    private readonly Dictionary<long, string> lastStatus = [];
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;
    private double doneAtStart = -1;
    private bool first = true;
    private bool summarising;
    private DateTimeOffset lastPlain = DateTimeOffset.MinValue;

    /// <summary>A view of <paramref name="sweep"/> writing to <paramref name="output"/>; it redraws in place only on a terminal.</summary>
    public ProgressView(ISweepReader store, string sweep, TextWriter output)
    {
        this.store = store;
        this.sweep = sweep;
        this.output = output;
        live = output == Console.Out && !Console.IsOutputRedirected;
        // A space this version cannot read counts none to come: the scheduler says what is wrong.
        space = store.FindSweep(sweep) is { } stored ? SweepSearch.Readable(stored) : null;
    }

    /// <summary>
    /// How many more trials the sweep's search may propose: none for a method that stores them all,
    /// and none counted for one that may grow to the most a sweep may hold (a bayes sweep with only
    /// a budget), whose total would mean nothing.
    /// </summary>
    private int ToCome(int stored) =>
        space is { SearchMethod.Learns: true } && space.SearchMethod.Remaining(space, stored) is var more && stored + more < SearchMethods.MaxTrials ? more : 0;

    /// <summary>Reads the sweep's state from the store and shows it.</summary>
    public void Update()
    {
        var counts = store.TrialCounts(sweep);
        var stored = counts.Values.Sum();
        var toCome = ToCome(stored);
        var total = stored + toCome;
        var running = store.Trials(sweep, TrialStates.Running);
        var all = stored <= TrialLinesUpTo ? store.Trials(sweep) : null;
        swept.See(all ?? running);
        var summary = Summary(counts, total, toCome, running);
        var lines = running.Take(RunningLinesUpTo).Select(Line).ToList();
        if (running.Count > RunningLinesUpTo)
            lines.Add($"… and {running.Count - RunningLinesUpTo} more running");
        if (live)
        {
            // Move up over the last drawing and erase it, then draw again; lines are cut to the
            // terminal's width so that none wraps and the count stays right.
            var width = Math.Max(Console.WindowWidth - 1, 20);
            if (drawnLines > 0)
                output.Write($"\u001b[{drawnLines}F\u001b[J");
            lines.Add(summary);
            foreach (var line in lines)
                output.WriteLine(line.Length > width ? line[..width] : line);
            drawnLines = lines.Count;
            return;
        }
        if (all is not null)
            PrintChanges(all);
        else if (!summarising)
        {
            summarising = true;
            output.WriteLine($"{total} trials: progress every {PlainInterval.TotalSeconds:F0} s rather than a line per trial; 'sweep show {sweep}' lists them.");
        }
        first = false;
        if (DateTimeOffset.UtcNow - lastPlain >= PlainInterval && (running.Count > 0 || summarising))
        {
            lastPlain = DateTimeOffset.UtcNow;
            foreach (var line in lines)
                output.WriteLine(line);
            output.WriteLine(summary);
        }
    }

    /// <summary>Ends the display; a sweep followed by its summary alone ends on its last count.</summary>
    public void Finish()
    {
        if (live)
            return;
        if (summarising)
        {
            var counts = store.TrialCounts(sweep);
            var toCome = ToCome(counts.Values.Sum());
            output.WriteLine(Summary(counts, counts.Values.Sum() + toCome, toCome, []));
        }
        output.WriteLine();
    }

    /// <summary>A line for each trial that started or ended since the last look.</summary>
    private void PrintChanges(IReadOnlyList<TrialRecord> trials)
    {
        foreach (var trial in trials)
        {
            if (lastStatus.TryGetValue(trial.Id, out var previous) && previous == trial.Status)
                continue;
            lastStatus[trial.Id] = trial.Status;
            // Trials that ended before this run (a resumed sweep's completed ones) are not news.
            var endedBefore = first && Ended(trial.Status);
            if (trial.Status != TrialStates.Queued && !endedBefore)
                output.WriteLine($"trial {trial.Id} ({Hyperparameters(trial)}) {trial.Status}{Outcome(trial)}");
        }
    }

    private string Line(TrialRecord trial)
    {
        var metrics = store.LatestMetrics(trial.Id);
        string Metric(string name) => metrics?.Values.TryGetValue(name, out var v) == true ? v.ToString("F3", CultureInfo.InvariantCulture) : "  -  ";
        var fraction = Fraction(trial, metrics);
        var bar = new string('#', (int)(fraction * 20)).PadRight(20, '.');
        return $"trial {trial.Id,3} {Hyperparameters(trial),-28} epoch {metrics?.Epoch ?? 0,3} [{bar}] {Step(trial, metrics)}/{trial.TotalSteps}  " +
               $"loss_d {Metric(Gan.Core.Metrics.MetricNames.LossD)}  loss_g {Metric(Gan.Core.Metrics.MetricNames.LossG)}  " +
               $"D(x) {Metric(Gan.Core.Metrics.MetricNames.DReal)}  D(G(z)) {Metric(Gan.Core.Metrics.MetricNames.DFakeBefore)}";
    }

    // The heartbeat stores the step every few seconds, metrics every logging interval: a short
    // trial logs many steps before its first heartbeat after the start, so the bar shows whichever
    // is further on.
    private static long Step(TrialRecord trial, Gan.Core.Metrics.MetricRecord? metrics) => Math.Max(trial.Step, metrics?.Step ?? 0);

    private static double Fraction(TrialRecord trial, Gan.Core.Metrics.MetricRecord? metrics) =>
        trial.TotalSteps > 0 ? Math.Min((double)Step(trial, metrics) / trial.TotalSteps, 1) : 0;

    private string Outcome(TrialRecord trial)
    {
        if (trial.Status == TrialStates.Completed && store.Evaluation(trial.Id) is { } evaluation)
            return FormattableString.Invariant($": fid {evaluation.Fid:F1}, coverage {evaluation.Coverage}/{evaluation.ClassCounts.Length}{(trial.Duration is { } d ? ", " + ResultsTable.FormatDuration(d) : "")}");
        return trial.Error is { } error ? $": {TerminalText.Quote(error, 300)}" : "";
    }

    private string Hyperparameters(TrialRecord trial) =>
        string.Join(" ", swept.Keys.Select(key => $"{key}={TerminalText.Value(trial.Config, key)}"));

    /// <summary>"N/M trials done", how the ended ones ended when not all completed, and the ETA.</summary>
    private string Summary(IReadOnlyDictionary<string, int> counts, int total, int toCome, IReadOnlyList<TrialRecord> running)
    {
        var done = counts.Where(c => Ended(c.Key)).Sum(c => c.Value);
        var others = TrialStates.All.Where(s => Ended(s) && s != TrialStates.Completed && counts.GetValueOrDefault(s) > 0)
            .Select(s => $"{counts[s]} {s}").ToList();
        var how = others.Count == 0 ? "" : $" ({counts.GetValueOrDefault(TrialStates.Completed)} completed, {string.Join(", ", others)})";
        return $"{done}/{total} trials done{how}{Eta(done, counts.GetValueOrDefault(TrialStates.Queued) + toCome, running)}";
    }

    /// <summary>
    /// The time left at the pace since this view started, counted in trials: a running trial
    /// counts by the share of its steps trained, and a queued one as a whole trial.
    /// </summary>
    private string Eta(int done, int queued, IReadOnlyList<TrialRecord> running)
    {
        var fractions = running.Select(t => Fraction(t, null)).ToList();
        var trained = done + fractions.Sum();
        if (doneAtStart < 0)
            doneAtStart = trained;
        var remaining = queued + fractions.Sum(f => 1 - f);
        var elapsed = (DateTimeOffset.UtcNow - started).TotalSeconds;
        var rate = (trained - doneAtStart) / Math.Max(elapsed, 1e-9);
        var seconds = remaining / Math.Max(rate, 1e-300);
        // A month is as far as an estimate means anything; past it (or at rate 0) none is shown.
        return rate > 0 && remaining > 0 && seconds < MaxEta.TotalSeconds ? $", ETA {ResultsTable.FormatDuration(TimeSpan.FromSeconds(seconds))}" : "";
    }

    private static bool Ended(string status) => status is not (TrialStates.Queued or TrialStates.Running);
}
