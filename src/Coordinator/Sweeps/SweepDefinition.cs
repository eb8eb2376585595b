using Gan.Core.Metrics;
using Silo.Search;
using Silo.Stores;

namespace Coordinator.Sweeps;

/// <summary>How a sweep chooses its trials.</summary>
public enum SearchMethod
{
    /// <summary>The cartesian product of every parameter's values.</summary>
    Grid,
    /// <summary><c>run_cap</c> trials sampled from a seed.</summary>
    Random,
}

/// <summary>How random search draws a parameter, by W&amp;B's distribution names. The q_ forms round each draw to a multiple of q.</summary>
public enum Distribution
{
    /// <summary>Uniform on [min, max].</summary>
    Uniform,
    /// <summary>Log-uniform on [min, max] (min &gt; 0), the usual prior for learning rates.</summary>
    LogUniformValues,
    /// <summary>A whole number, uniform on [min, max].</summary>
    IntUniform,
    /// <summary>exp(x), x uniform on [min, max]: min and max are natural logarithms.</summary>
    LogUniform,
    /// <summary>exp(−x), x uniform on [min, max].</summary>
    InvLogUniform,
    /// <summary>1/x, x log-uniform on [1/max, 1/min].</summary>
    InvLogUniformValues,
    /// <summary>Normal with mean mu and standard deviation sigma.</summary>
    Normal,
    /// <summary>exp(x), x normal with mean mu and standard deviation sigma.</summary>
    LogNormal,
}

/// <summary>The metric that ranks a sweep's trials.</summary>
public sealed record SweepMetric(string Name, bool Minimize)
{
    /// <summary>W&amp;B's metric.target: once a trial reaches it, the sweep starts no more trials.</summary>
    public double? Target { get; init; }

    /// <summary>The evaluation metrics a sweep can rank by, with their natural goal.</summary>
    public static IReadOnlyDictionary<string, bool> Known { get; } = new Dictionary<string, bool>
    {
        ["fid"] = true,
        ["coverage"] = false,
        ["classifier_score"] = false,
        ["largest_class_share"] = true,
        [MetricNames.Wasserstein] = true,
        [MetricNames.MeanError] = true,
        [MetricNames.StdError] = true,
    };
}

/// <summary>One swept parameter.</summary>
public abstract record ParameterSpec(string Name)
{
    /// <summary>Where the file names it, for problems found later.</summary>
    public SourceLocation? Location { get; init; }

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

/// <summary>A distribution to draw from, for random search.</summary>
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
}

/// <summary>A validated sweep file.</summary>
/// <param name="Name">The sweep's name: an identifier, never used as a path.</param>
/// <param name="Description">What the sweep explores.</param>
/// <param name="Method">Grid or random.</param>
/// <param name="Metric">What ranks the trials.</param>
/// <param name="RunCap">Random: the number of trials; grid: a safety cap.</param>
/// <param name="RandomSeed">The seed random search samples from.</param>
/// <param name="Base">Options fixed for every trial.</param>
/// <param name="Parameters">The swept options, in file order.</param>
/// <param name="Text">The file's text, stored with the sweep.</param>
public sealed record SweepDefinition(
    string Name, string? Description, SearchMethod Method, SweepMetric Metric, int? RunCap, int RandomSeed,
    IReadOnlyDictionary<string, object> Base, IReadOnlyList<ParameterSpec> Parameters, string Text)
{
    /// <summary>What was read but does nothing here (W&amp;B launch keys), each with its location: worth a line, not an error.</summary>
    public IReadOnlyList<SweepProblem> Notices { get; init; } = [];

    /// <summary>The rules that stop unpromising trials early, if the file has <c>early_terminate</c>.</summary>
    public EarlyTermination? EarlyTerminate { get; init; }

    /// <summary>The wall-clock time the sweep may take (<c>budget: 30m</c>), from its first trial's start.</summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>What the store keeps of the sweep.</summary>
    public NewSweep ToNewSweep() => new(Name, Text, Metric.Name, Metric.Minimize, EarlyTerminate?.ToJson()) { Target = Metric.Target, Budget = Budget };
}
