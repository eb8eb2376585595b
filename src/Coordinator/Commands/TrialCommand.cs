using System.CommandLine;
using System.Globalization;
using Coordinator.Cli;
using Coordinator.Results;
using Silo.Stores;
using Coordinator.Sweeps;
using Gan.Core.Metrics;

namespace Coordinator.Commands;

/// <summary>Settings of commands that take one trial id.</summary>
/// <param name="Store">Where the sweeps are stored.</param>
/// <param name="Id">The trial's id (the first column of the results table).</param>
public sealed record TrialSettings(StoreLocation Store, long Id) : StoreSettings(Store)
{
    /// <summary>Opens the store and finds the trial.</summary>
    /// <exception cref="StoreException">No store, or no such trial.</exception>
    public (ISweepStore store, TrialRecord trial) Open()
    {
        var store = SweepStoreFactory.OpenReadOnly(Store);
        if (store.Trial(Id) is { } trial)
            return (store, trial);
        store.Dispose();
        throw new StoreException(StoreErrorCode.NotFound, $"No trial {Id} in {Store}. Trial ids are the first column of 'sweep show'.");
    }
}

/// <summary><c>sweep trial ID</c>: one trial's configuration, a pbt member's schedule, a summary of its curves, its flags and any error.</summary>
public sealed class TrialCommand() : SweepCommand<TrialSettings>("trial", "Show one trial: its configuration, a summary of its training curves, flags, scores and any error.")
{
    private readonly TrialInputs trial = new();

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => trial.Symbols;

    /// <inheritdoc />
    public override TrialSettings Bind(ParseResult parse) => trial.Bind(parse);

    /// <inheritdoc />
    public override int Execute(TrialSettings settings, CommandContext context)
    {
        var (store, trial) = settings.Open();
        using (store)
        {
            var o = context.Out;
            o.WriteLine($"trial {trial.Id}: sweep {trial.Sweep}, #{trial.Index}, {trial.Status}, attempts {trial.Attempts}{(trial.Duration is { } d ? ", " + ResultsTable.FormatDuration(d) : "")}");
            o.WriteLine($"step {trial.Step} of {trial.TotalSteps}; flags: {(trial.Flags == 0 ? "none" : ResultsTable.FlagNames(trial.Flags))}");
            if (trial.Error is { } error)
                o.WriteLine($"{(trial.Status == TrialStates.Stopped ? "stopped" : "error")}: {TerminalText.Clean(error)}");
            o.WriteLine("config:");
            foreach (var (key, value) in trial.Config)
                o.WriteLine($"  {key}: {TerminalText.Value(value)}");
            PopulationLineage.Of(store, trial)?.Write(o);
            var records = store.Metrics(trial.Id);
            if (store.Evaluation(trial.Id) is { } e)
            {
                var classes = e.ClassCounts.Length == 0 ? "" : FormattableString.Invariant($", coverage {e.Coverage}/{e.ClassCounts.Length}, classifier score {e.ClassifierScore:F2}, largest class {e.LargestClassShare:P1}");
                o.WriteLine(FormattableString.Invariant($"scores: fid {e.Fid:F2}{classes} (of {e.Samples} samples{(e.Step is { } step ? $", generator of step {step}" : "")})"));
                if (records.Count > 0 && records[^1].Values.TryGetValue(MetricNames.Precision, out var precision))
                    o.WriteLine(FormattableString.Invariant(
                        $"        precision {precision:F3}, recall {records[^1][MetricNames.Recall]:F3}, density {records[^1][MetricNames.Density]:F3}, coverage {records[^1][MetricNames.NeighbourCoverage]:F3} (5-NN in the classifier's features)"));
            }
            if (records.Count > 0)
            {
                o.WriteLine($"curves ({records.Count} records, steps {records[0].Step} to {records[^1].Step}):");
                o.WriteLine("  metric              first      min      max     last");
                foreach (var name in MetricNames.Averaged.Append(MetricNames.StepsPerSecond).Append(MetricNames.QuickFid).Append(MetricNames.QuickCoverage))
                {
                    var values = records.Where(r => r.Values.ContainsKey(name)).Select(r => r[name]).ToList();
                    if (values.Count > 0)
                        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-16} {values[0],8:G4} {values.Min(),8:G4} {values.Max(),8:G4} {values[^1],8:G4}"));
                }
            }
        }
        return ExitCodes.Ok;
    }
}
