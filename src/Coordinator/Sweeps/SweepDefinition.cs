using Silo.Trials;
using Gan.Core.Metrics;
using Silo.Search;
using Silo.Stores;

namespace Coordinator.Sweeps;

/// <summary>The metric that ranks a sweep's trials: a score of <see cref="ScoreCatalog"/>, and whether the sweep minimizes it.</summary>
public sealed record SweepMetric(string Name, bool Minimize)
{
    /// <summary>W&amp;B's metric.target: once a trial reaches it, the sweep starts no more trials.</summary>
    public double? Target { get; init; }
}

/// <summary>A validated sweep file.</summary>
/// <param name="Name">The sweep's name: an identifier, never used as a path.</param>
/// <param name="Description">What the sweep explores.</param>
/// <param name="Method">How it chooses its trials (<see cref="SearchMethods"/>).</param>
/// <param name="Metric">What ranks the trials.</param>
/// <param name="RunCap">Random: the number of trials; Bayes: the most trials; grid: a safety cap.</param>
/// <param name="RandomSeed">The seed random search samples from.</param>
/// <param name="Base">Options fixed for every trial.</param>
/// <param name="Parameters">The swept options, in file order.</param>
/// <param name="Text">The file's text, stored with the sweep.</param>
public sealed record SweepDefinition(
    string Name, string? Description, ISearchMethod Method, SweepMetric Metric, int? RunCap, int RandomSeed,
    IReadOnlyDictionary<string, object> Base, IReadOnlyList<ParameterSpec> Parameters, string Text)
{
    /// <summary>What was read but does nothing here (W&amp;B launch keys), each with its location: worth a line, not an error.</summary>
    public IReadOnlyList<SweepProblem> Notices { get; init; } = [];

    /// <summary>The rules that stop unpromising trials early, if the file has <c>early_terminate</c>.</summary>
    public EarlyTermination? EarlyTerminate { get; init; }

    /// <summary>The wall-clock time the sweep may take (<c>budget: 30m</c>), from its first trial's start.</summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>bayes: the trials drawn at random before TPE proposes any (<c>startup_trials</c>).</summary>
    public int StartupTrials { get; init; } = TreeParzen.DefaultStartupTrials;

    /// <summary>pbt: how the population trains (the <c>pbt</c> section).</summary>
    public PopulationSettings? Population { get; init; }

    /// <summary>What the sweep searches, and how; without run_cap (a Bayesian sweep with a budget), as many trials as a sweep may hold.</summary>
    public SearchSpace Space => new(Base, Parameters, RandomSeed, RunCap ?? SearchMethods.MaxTrials) { Method = Method.Name, StartupTrials = StartupTrials, Population = Population };

    /// <summary>The trials stored when the sweep is created (the parser expands them once, to check them).</summary>
    public IReadOnlyList<TrialConfig> Trials { get; init; } = [];

    /// <summary>What the store keeps of the sweep: its space and method, which the scheduler proposes trials from when the method learns.</summary>
    public NewSweep ToNewSweep() => new(Name, Text, Metric.Name, Metric.Minimize, EarlyTerminate?.ToJson())
    {
        Target = Metric.Target,
        Budget = Budget,
        Search = Space.ToJson(),
    };
}
