using Gan.Core.Training;
using Silo.Trials;

namespace Silo.Search;

/// <summary>Random draws of one parameter's value, as W&amp;B's random search makes them.</summary>
public static class ParameterDraws
{
    /// <summary>How often a draw the trainer would refuse (a negative learning rate from a normal, say) is drawn again before the last one is kept for the checks to report.</summary>
    private const int MaxRedraws = 100;

    /// <summary>A value of <paramref name="parameter"/>: one of its values (by their chances), or a draw from its distribution that the trainer takes.</summary>
    public static object Draw(ParameterSpec parameter, Random random)
    {
        if (parameter is ValuesParameter values)
            return values.Values[values.Probabilities is { } chances ? Pick(chances, random.NextDouble()) : random.Next(values.Values.Count)];
        var range = (RangeParameter)parameter;
        var value = DrawOnce(range, random);
        for (var i = 0; i < MaxRedraws && !TrainerOptionCatalog.All[range.Name].Allows(value); i++)
            value = DrawOnce(range, random);
        return value;
    }

    /// <summary>The index whose share of <paramref name="weights"/> holds <paramref name="u"/>, a point between 0 and the weights' sum: a weighted choice.</summary>
    public static int Pick(IReadOnlyList<double> weights, double u)
    {
        for (var i = 0; i < weights.Count - 1; i++)
        {
            u -= weights[i];
            if (u < 0)
                return i;
        }
        return weights.Count - 1;
    }

    private static object DrawOnce(RangeParameter r, Random random)
    {
        if (r.Distribution == Distribution.IntUniform)
            return random.NextInt64((long)r.Min, (long)r.Max + 1);
        return r.Round(r.Distribution switch
        {
            Distribution.Uniform => Uniform(r, random),
            Distribution.LogUniform => Math.Exp(Uniform(r, random)),
            Distribution.InvLogUniform => Math.Exp(-Uniform(r, random)),
            Distribution.LogUniformValues => LogUniform(r.Min, r.Max, random),
            Distribution.InvLogUniformValues => 1 / LogUniform(1 / r.Max, 1 / r.Min, random),
            Distribution.Normal => r.Mu + r.Sigma * StandardNormal(random),
            _ => Math.Exp(r.Mu + r.Sigma * StandardNormal(random)),
        });
    }

    private static double Uniform(RangeParameter r, Random random) => r.Min + random.NextDouble() * (r.Max - r.Min);

    private static double LogUniform(double min, double max, Random random) =>
        Math.Exp(Math.Log(min) + random.NextDouble() * (Math.Log(max) - Math.Log(min)));

    /// <summary>Box–Muller: one standard normal draw from two uniform ones.</summary>
    public static double StandardNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
