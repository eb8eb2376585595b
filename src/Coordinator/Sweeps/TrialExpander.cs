using Silo.Trials;

namespace Coordinator.Sweeps;

/// <summary>Turns a sweep into the configurations of its trials.</summary>
public static class TrialExpander
{
    /// <summary>
    /// Every trial's options: the base options plus one value per parameter. A grid is the
    /// cartesian product with the last parameter varying fastest (like nested loops in file
    /// order); a random search draws <c>run_cap</c> trials from <c>random_seed</c>. A conditional
    /// parameter is left out of a trial whose options do not meet its condition, and a grid then
    /// keeps one trial of each configuration, so `width` is never crossed with an architecture it
    /// does not apply to.
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
        var configs = combinations.Select(assignment => Merge(sweep.Base, assignment, sweep.Parameters));
        // Only a condition makes combinations alike (mlp at width 0.25 and at 0.5); other grids keep every one.
        return sweep.Parameters.Any(p => p.When is not null) ? configs.DistinctBy(config => config.ToJson()).ToList() : configs.ToList();
    }

    private static List<TrialConfig> Random(SweepDefinition sweep)
    {
        var random = new Random(sweep.RandomSeed);
        var trials = new List<TrialConfig>();
        for (var i = 0; i < sweep.RunCap; i++)
            trials.Add(Merge(sweep.Base, sweep.Parameters.Select(p => (p.Name, Draw(p, random))).ToList(), sweep.Parameters));
        return trials;
    }

    /// <summary>How often a draw the trainer would refuse (a negative learning rate from a normal, say) is drawn again before the last one is kept for the checks to report.</summary>
    private const int MaxRedraws = 100;

    private static object Draw(ParameterSpec parameter, Random random)
    {
        if (parameter is ValuesParameter values)
            return values.Values[Pick(values, random)];
        var range = (RangeParameter)parameter;
        var value = DrawOnce(range, random);
        for (var i = 0; i < MaxRedraws && !OptionRules.Allows(range.Name, value); i++)
            value = DrawOnce(range, random);
        return value;
    }

    private static int Pick(ValuesParameter parameter, Random random)
    {
        if (parameter.Probabilities is not { } chances)
            return random.Next(parameter.Values.Count);
        var u = random.NextDouble();
        for (var i = 0; i < chances.Count - 1; i++)
        {
            u -= chances[i];
            if (u < 0)
                return i;
        }
        return chances.Count - 1;
    }

    private static object DrawOnce(RangeParameter r, Random random)
    {
        if (r.Distribution == Distribution.IntUniform)
            return random.NextInt64((long)r.Min, (long)r.Max + 1);
        var x = r.Distribution switch
        {
            Distribution.Uniform => Uniform(r, random),
            Distribution.LogUniform => Math.Exp(Uniform(r, random)),
            Distribution.InvLogUniform => Math.Exp(-Uniform(r, random)),
            Distribution.LogUniformValues => LogUniform(r.Min, r.Max, random),
            Distribution.InvLogUniformValues => 1 / LogUniform(1 / r.Max, 1 / r.Min, random),
            Distribution.Normal => r.Mu + r.Sigma * StandardNormal(random),
            _ => Math.Exp(r.Mu + r.Sigma * StandardNormal(random)),
        };
        if (r.Q is { } q)
            x = Math.Round(x / q) * q;
        return r.Whole ? (object)(long)Math.Round(x) : x;
    }

    private static double Uniform(RangeParameter r, Random random) => r.Min + random.NextDouble() * (r.Max - r.Min);

    private static double LogUniform(double min, double max, Random random) =>
        Math.Exp(Math.Log(min) + random.NextDouble() * (Math.Log(max) - Math.Log(min)));

    /// <summary>Box–Muller: one standard normal draw from two uniform ones.</summary>
    private static double StandardNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static TrialConfig Merge(IReadOnlyDictionary<string, object> fixedOptions, IReadOnlyList<(string Name, object Value)> assignment, IReadOnlyList<ParameterSpec> parameters)
    {
        var config = new Dictionary<string, object>(fixedOptions);
        foreach (var (name, value) in assignment)
            config[name] = value;
        // Conditions name unconditional options (the parser sees to it), so one pass decides them all.
        foreach (var parameter in parameters.Where(p => p.When is { } when && !when.Holds(config)).ToList())
            config.Remove(parameter.Name);
        return new TrialConfig(config);
    }
}
