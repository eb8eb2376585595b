using Silo.Search;
using Silo.Trials;

namespace Coordinator.Sweeps;

/// <summary>Turns a sweep into the configurations of its trials.</summary>
public static class TrialExpander
{
    /// <summary>
    /// Every trial's options: the base options plus one value per parameter. A grid is the
    /// cartesian product with the last parameter varying fastest (like nested loops in file
    /// order); a random search draws <c>run_cap</c> trials from <c>random_seed</c>; a Bayesian one
    /// starts with the first <see cref="TreeParzen.StartupTrials"/> of them. A conditional
    /// parameter is left out of a trial whose options do not meet its condition, and a grid then
    /// keeps one trial of each configuration, so `width` is never crossed with an architecture it
    /// does not apply to.
    /// </summary>
    public static IReadOnlyList<TrialConfig> Expand(SweepDefinition sweep) => sweep.Method switch
    {
        SearchMethod.Grid => Grid(sweep),
        SearchMethod.Random => sweep.Space.RandomTrials(sweep.RunCap ?? 0),
        // The rest are proposed as slots free up, from how these score.
        _ => sweep.Space.RandomTrials(Math.Min(TreeParzen.StartupTrials, sweep.Space.RunCap)),
    };

    /// <summary>The most trials one sweep may hold: run_cap may not exceed it.</summary>
    public const int MaxTrials = 100_000;

    /// <summary>The most trials a grid without run_cap expands to; a larger grid needs an explicit run_cap.</summary>
    public const int DefaultGridCap = 1_000;

    /// <summary>The number of trials a grid has, saturating at <see cref="long.MaxValue"/> instead of wrapping.</summary>
    public static long GridSize(IEnumerable<ParameterSpec> parameters)
    {
        var size = 1L;
        foreach (var count in parameters.Select(p => p is ValuesParameter v ? Math.Max(v.Values.Count, 1) : 1))
            size = size > long.MaxValue / count ? long.MaxValue : size * count;
        return size;
    }

    private static IReadOnlyList<TrialConfig> Grid(SweepDefinition sweep)
    {
        IEnumerable<IReadOnlyList<(string, object)>> combinations = [[]];
        foreach (var parameter in sweep.Parameters.Cast<ValuesParameter>())
            combinations = combinations.SelectMany(prefix => parameter.Values.Select(value => (IReadOnlyList<(string, object)>)[.. prefix, (parameter.Name, value)]));
        var configs = combinations.Select(sweep.Space.Configure);
        // Only a condition makes combinations alike (mlp at width 0.25 and at 0.5); other grids keep every one.
        return sweep.Parameters.Any(p => p.When is not null) ? configs.DistinctBy(config => config.ToJson()).ToList() : configs.ToList();
    }
}
