using System.Globalization;
using Coordinator.Cli;
using Coordinator.Sweeps;
using Silo.Stores;

namespace Coordinator.Results;

/// <summary>
/// Shows a running sweep: a line per running trial (its key hyperparameters, an epoch/step bar,
/// loss_d, loss_g, D(x), D(G(z))) and the count of trials done with an ETA. On a terminal it
/// redraws in place; otherwise it prints plain lines (status changes, and progress every 10 s).
/// </summary>
public sealed class ProgressView
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxEta = TimeSpan.FromDays(31);
    private readonly ISweepReader store;
    private readonly TextWriter output;
    private readonly bool live;
    private int drawnLines;
    private readonly Dictionary<long, string> lastStatus = [];
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;
    private long stepsAtStart = -1;
    private bool first = true;
    private DateTimeOffset lastPlain = DateTimeOffset.MinValue;

    /// <summary>A view writing to <paramref name="output"/>; it redraws in place only on a terminal.</summary>
    public ProgressView(ISweepReader store, TextWriter output)
    {
        this.store = store;
        this.output = output;
        live = output == Console.Out && !Console.IsOutputRedirected;
    }

    /// <summary>Shows the trials' current state.</summary>
    public void Update(IReadOnlyList<TrialRecord> trials)
    {
        var swept = ResultsTable.SweptKeys(trials);
        var done = trials.Count(t => t.Status is not (TrialStates.Queued or TrialStates.Running));
        var summary = $"{done}/{trials.Count} trials done{Eta(trials)}";
        var running = trials.Where(t => t.Status == TrialStates.Running).Select(t => Line(t, swept)).ToList();
        if (live)
        {
            // Move up over the last drawing and erase it, then draw again; lines are cut to the
            // terminal's width so that none wraps and the count stays right.
            var width = Math.Max(Console.WindowWidth - 1, 20);
            if (drawnLines > 0)
                output.Write($"\u001b[{drawnLines}F\u001b[J");
            string[] lines = [.. running, summary];
            foreach (var line in lines)
                output.WriteLine(line.Length > width ? line[..width] : line);
            drawnLines = lines.Length;
            return;
        }
        foreach (var trial in trials)
        {
            if (lastStatus.TryGetValue(trial.Id, out var previous) && previous == trial.Status)
                continue;
            lastStatus[trial.Id] = trial.Status;
            // Trials that ended before this run (a resumed sweep's completed ones) are not news.
            var endedBefore = first && trial.Status is not (TrialStates.Queued or TrialStates.Running);
            if (trial.Status != TrialStates.Queued && !endedBefore)
                output.WriteLine($"trial {trial.Id} ({Hyperparameters(trial, swept)}) {trial.Status}{Outcome(trial)}");
        }
        first = false;
        if (DateTimeOffset.UtcNow - lastPlain >= PlainInterval && running.Count > 0)
        {
            lastPlain = DateTimeOffset.UtcNow;
            foreach (var line in running)
                output.WriteLine(line);
            output.WriteLine(summary);
        }
    }

    /// <summary>Ends the display.</summary>
    public void Finish()
    {
        if (!live)
            output.WriteLine();
    }

    private string Line(TrialRecord trial, IReadOnlyList<string> swept)
    {
        var metrics = store.LatestMetrics(trial.Id);
        string Metric(string name) => metrics?.Values.TryGetValue(name, out var v) == true ? v.ToString("F3", CultureInfo.InvariantCulture) : "  -  ";
        // The heartbeat stores the step every few seconds, metrics every logging interval: a
        // short trial logs many steps before its first heartbeat after the start, so the bar
        // shows whichever is further on.
        var step = Math.Max(trial.Step, metrics?.Step ?? 0);
        var fraction = trial.TotalSteps > 0 ? Math.Min((double)step / trial.TotalSteps, 1) : 0;
        var bar = new string('#', (int)(fraction * 20)).PadRight(20, '.');
        return $"trial {trial.Id,3} {Hyperparameters(trial, swept),-28} epoch {metrics?.Epoch ?? 0,3} [{bar}] {step}/{trial.TotalSteps}  " +
               $"loss_d {Metric(Gan.Core.Metrics.MetricNames.LossD)}  loss_g {Metric(Gan.Core.Metrics.MetricNames.LossG)}  " +
               $"D(x) {Metric(Gan.Core.Metrics.MetricNames.DReal)}  D(G(z)) {Metric(Gan.Core.Metrics.MetricNames.DFakeBefore)}";
    }

    private string Outcome(TrialRecord trial)
    {
        if (trial.Status == TrialStates.Completed && store.Evaluation(trial.Id) is { } evaluation)
            return FormattableString.Invariant($": fid {evaluation.Fid:F1}, coverage {evaluation.Coverage}/{evaluation.ClassCounts.Length}{(trial.Duration is { } d ? ", " + ResultsTable.FormatDuration(d) : "")}");
        return trial.Error is { } error ? $": {TerminalText.Quote(error, 300)}" : "";
    }

    private static string Hyperparameters(TrialRecord trial, IReadOnlyList<string> swept) =>
        string.Join(" ", swept.Select(key => $"{key}={TerminalText.Value(trial.Config, key)}"));

    private string Eta(IReadOnlyList<TrialRecord> trials)
    {
        var known = trials.Where(t => t.TotalSteps > 0).ToList();
        if (known.Count == 0)
            return "";
        var averageTotal = known.Average(t => (double)t.TotalSteps);
        var trained = trials.Sum(t => t.Status == TrialStates.Queued ? 0 : t.TotalSteps > 0 && t.Status != TrialStates.Running ? t.TotalSteps : t.Step);
        if (stepsAtStart < 0)
            stepsAtStart = trained;
        var remaining = trials.Sum(t => t.Status switch
        {
            TrialStates.Queued => averageTotal,
            TrialStates.Running => Math.Max(0, (t.TotalSteps > 0 ? t.TotalSteps : averageTotal) - t.Step),
            _ => 0,
        });
        var elapsed = (DateTimeOffset.UtcNow - started).TotalSeconds;
        var rate = (trained - stepsAtStart) / Math.Max(elapsed, 1e-9);
        var seconds = remaining / Math.Max(rate, 1e-300);
        // A month is as far as an estimate means anything; past it (or at rate 0) none is shown.
        return rate > 0 && remaining > 0 && seconds < MaxEta.TotalSeconds ? $", ETA {ResultsTable.FormatDuration(TimeSpan.FromSeconds(seconds))}" : "";
    }
}
