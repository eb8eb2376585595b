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
    /// <summary>TPE (<see cref="TreeParzen"/>): a few random trials, then each new one proposed from how the earlier ones scored.</summary>
    Bayes,
}

/// <summary>The metric that ranks a sweep's trials: a score of <see cref="ScoreCatalog"/>, and whether the sweep minimizes it.</summary>
public sealed record SweepMetric(string Name, bool Minimize)
{
    /// <summary>W&amp;B's metric.target: once a trial reaches it, the sweep starts no more trials.</summary>
    public double? Target { get; init; }
}

/// <summary>A validated sweep file.</summary>
/// <param name="Name">The sweep's name: an identifier, never used as a path.</param>
/// <param name="Description">What the sweep explores.</param>
/// <param name="Method">Grid, random or bayes.</param>
/// <param name="Metric">What ranks the trials.</param>
/// <param name="RunCap">Random: the number of trials; Bayes: the most trials; grid: a safety cap.</param>
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

    /// <summary>What the sweep searches; without run_cap (a Bayesian sweep with a budget), as many trials as a sweep may hold.</summary>
    public SearchSpace Space => new(Base, Parameters, RandomSeed, RunCap ?? TrialExpander.MaxTrials);

    /// <summary>What the store keeps of the sweep; a Bayesian sweep keeps its space, to propose trials from.</summary>
    public NewSweep ToNewSweep() => new(Name, Text, Metric.Name, Metric.Minimize, EarlyTerminate?.ToJson())
    {
        Target = Metric.Target,
        Budget = Budget,
        Search = Method == SearchMethod.Bayes ? Space.ToJson() : null,
    };
}
