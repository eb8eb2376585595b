using Silo.Trials;

namespace Coordinator.Sweeps;

/// <summary>Turns a sweep into the configurations of its trials.</summary>
public static class TrialExpander
{
    /// <summary>
    /// Every trial's options: the base options plus one value per parameter. A grid is the
    /// cartesian product with the last parameter varying fastest (like nested loops in file
    /// order); a random search draws <c>run_cap</c> trials from <c>random_seed</c>.
    /// </summary>
    public static IReadOnlyList<TrialConfig> Expand(SweepDefinition sweep) =>
        sweep.Method == SearchMethod.Grid ? Grid(sweep) : Random(sweep);

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

    private static List<TrialConfig> Grid(SweepDefinition sweep)
    {
        IEnumerable<IReadOnlyList<(string, object)>> combinations = [[]];
        foreach (var parameter in sweep.Parameters.Cast<ValuesParameter>())
            combinations = combinations.SelectMany(prefix => parameter.Values.Select(value => (IReadOnlyList<(string, object)>)[.. prefix, (parameter.Name, value)]));
        return combinations.Select(assignment => Merge(sweep.Base, assignment)).ToList();
    }

    private static List<TrialConfig> Random(SweepDefinition sweep)
    {
        var random = new Random(sweep.RandomSeed);
        var trials = new List<TrialConfig>();
        for (var i = 0; i < sweep.RunCap; i++)
            trials.Add(Merge(sweep.Base, sweep.Parameters.Select(p => (p.Name, Draw(p, random))).ToList()));
        return trials;
    }

    private static object Draw(ParameterSpec parameter, Random random) =>
        parameter switch
        {
            ValuesParameter v => v.Values[random.Next(v.Values.Count)],
            RangeParameter { Distribution: Distribution.Uniform } r => r.Min + random.NextDouble() * (r.Max - r.Min),
            RangeParameter { Distribution: Distribution.LogUniformValues } r => Math.Exp(Math.Log(r.Min) + random.NextDouble() * (Math.Log(r.Max) - Math.Log(r.Min))),
            RangeParameter r => random.NextInt64((long)r.Min, (long)r.Max + 1),
            _ => throw new InvalidOperationException($"Unknown parameter kind {parameter.GetType().Name}."),
        };

    private static TrialConfig Merge(IReadOnlyDictionary<string, object> fixedOptions, IEnumerable<(string Name, object Value)> assignment)
    {
        var config = new Dictionary<string, object>(fixedOptions);
        foreach (var (name, value) in assignment)
            config[name] = value;
        return new TrialConfig(config);
    }
}
