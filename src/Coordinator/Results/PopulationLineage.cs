using System.Globalization;
using Coordinator.Cli;
using Silo.Search;
using Silo.Stores;

namespace Coordinator.Results;

/// <summary>
/// A pbt trial's lineage: the stretches it went on from, oldest first, each with the steps it
/// trained, the member it copied when it exploited, the options explore may change, and its score:
/// the member's hyperparameter schedule.
/// </summary>
public static class PopulationLineage
{
    /// <summary>The lineage of <paramref name="trial"/> as a table; null for a trial of another method.</summary>
    public static TextTable? Of(ISweepReader store, TrialRecord trial)
    {
        if (store.FindSweep(trial.Sweep) is not { } sweep || SweepSearch.SpaceOf(sweep) is not { Population: { } population })
            return null;
        var chain = Chain(store, trial);
        int MemberOf(TrialRecord t) => population.MemberOf(t.Index);
        var rows = chain.Select((t, i) => (IReadOnlyList<string>)
        [
            $"{(i == 0 ? 0 : chain[i - 1].Config.Options.Steps)}–{t.Config.Options.Steps}",
            t.Id.ToString(CultureInfo.InvariantCulture),
            MemberOf(t).ToString(CultureInfo.InvariantCulture),
            i > 0 && MemberOf(chain[i - 1]) != MemberOf(t) ? $"copied trial {chain[i - 1].Id}" : "",
            .. population.Mutations.Select(name => TerminalText.Value(t.Config, name)),
            ScoreCatalog.ValueOf(sweep.Metric, store.Evaluation(t.Id), store.LatestMetrics(t.Id)) is { } score ? score.ToString("G5", CultureInfo.InvariantCulture) : t.Status,
        ]).ToList();
        return new TextTable($"trial {trial.Id} (member {MemberOf(trial)}): the stretches its weights trained, oldest first", ["steps", "trial", "member", "exploit", .. population.Mutations, sweep.Metric], rows);
    }

    /// <summary><paramref name="trial"/> and the trials it went on from, oldest first.</summary>
    public static IReadOnlyList<TrialRecord> Chain(ISweepReader store, TrialRecord trial)
    {
        var chain = new List<TrialRecord> { trial };
        while (chain[^1].Parent is { } parent && store.Trial(parent) is { } earlier)
            chain.Add(earlier);
        chain.Reverse();
        return chain;
    }
}
