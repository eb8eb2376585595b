namespace Silo.Search;

/// <summary>One swept option of a sweep.</summary>
/// <param name="Name">The trainer option.</param>
public abstract record ParameterSpec(string Name)
{
    /// <summary>When set, the parameter applies only to trials whose configuration meets it (<c>when:</c>); others leave the option at its default.</summary>
    public ParameterCondition? When { get; init; }
}

/// <summary>A conditional parameter's condition: option <paramref name="Option"/> has one of <paramref name="Values"/>.</summary>
public sealed record ParameterCondition(string Option, IReadOnlyList<object> Values)
{
    /// <summary>Whether a trial's options meet the condition.</summary>
    public bool Holds(IReadOnlyDictionary<string, object> config) =>
        config.TryGetValue(Option, out var value) && Values.Contains(value);
}

/// <summary>A list of values: every one in a grid, one at random in a random search (weighted by <see cref="Probabilities"/> when given).</summary>
public sealed record ValuesParameter(string Name, IReadOnlyList<object> Values) : ParameterSpec(Name)
{
    /// <summary>Each value's chance in a random search, summing to 1; null for equal chances.</summary>
    public IReadOnlyList<double>? Probabilities { get; init; }
}

/// <summary>A distribution to draw from, for random and Bayesian search.</summary>
/// <param name="Name">The option.</param>
/// <param name="Distribution">Its family.</param>
/// <param name="Min">The lower bound of the uniform families.</param>
/// <param name="Max">The upper bound of the uniform families.</param>
public sealed record RangeParameter(string Name, Distribution Distribution, double Min, double Max) : ParameterSpec(Name)
{
    /// <summary>The normal families' mean.</summary>
    public double Mu { get; init; }

    /// <summary>The normal families' standard deviation.</summary>
    public double Sigma { get; init; } = 1;

    /// <summary>Each draw is rounded to a multiple of this (the q_ families); null leaves it as drawn.</summary>
    public double? Q { get; init; }

    /// <summary>Draws are whole numbers: the option takes whole numbers.</summary>
    public bool Whole { get; init; }

    /// <summary>A value in the distribution's own scale, rounded as the option and q require.</summary>
    public object Round(double x)
    {
        if (Q is { } q)
            x = Math.Round(x / q) * q;
        return Whole || Distribution == Distribution.IntUniform ? (object)(long)Math.Round(x) : x;
    }
}
