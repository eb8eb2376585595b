using Gan.Core.Metrics;
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

/// <summary>How random search draws a continuous parameter.</summary>
public enum Distribution
{
    /// <summary>Uniform on [min, max].</summary>
    Uniform,
    /// <summary>Log-uniform on [min, max] (min &gt; 0), the usual prior for learning rates.</summary>
    LogUniformValues,
    /// <summary>A whole number, uniform on [min, max].</summary>
    IntUniform,
}

/// <summary>The metric that ranks a sweep's trials.</summary>
public sealed record SweepMetric(string Name, bool Minimize)
{
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
public abstract record ParameterSpec(string Name);

/// <summary>A list of values: every one in a grid, one at random in a random search.</summary>
public sealed record ValuesParameter(string Name, IReadOnlyList<object> Values) : ParameterSpec(Name);

/// <summary>A continuous or integer range, for random search.</summary>
public sealed record RangeParameter(string Name, Distribution Distribution, double Min, double Max) : ParameterSpec(Name);

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
    /// <summary>What the store keeps of the sweep.</summary>
    public NewSweep ToNewSweep() => new(Name, Text, Metric.Name, Metric.Minimize);
}
