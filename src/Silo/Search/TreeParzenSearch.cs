using Silo.Trials;

namespace Silo.Search;

/// <summary>
/// W&amp;B's <c>bayes</c>, as TPE (<see cref="TreeParzen"/>): the first
/// <see cref="SearchSpace.StartupTrials"/> trials of a random search are stored with the sweep, and
/// each later one is proposed from how the earlier ones scored, when a slot finds none queued,
/// until run_cap trials exist or the sweep's target or budget is reached.
/// </summary>
public sealed class TreeParzenSearch : ISearchMethod
{
    /// <summary>The method's name in sweep files.</summary>
    public const string MethodName = "bayes";

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public bool Learns => true;

    /// <inheritdoc />
    public string? Requirement(bool hasRunCap, bool hasBudget) =>
        hasRunCap || hasBudget ? null : "bayes proposes trials until run_cap trials exist or the budget is spent; give run_cap, budget, or both";

    /// <inheritdoc />
    public IReadOnlyList<TrialConfig> InitialTrials(SearchSpace space) => space.RandomTrials(Math.Min(space.StartupTrials, space.RunCap));

    /// <inheritdoc />
    public int Remaining(SearchSpace space, int stored) => Math.Max(0, space.RunCap - stored);

    /// <inheritdoc />
    public Proposal? Propose(SearchSpace space, IReadOnlyList<SearchObservation> history, int index) => new(TreeParzen.Propose(space, history, index));

    /// <inheritdoc />
    public bool KeepsCheckpoint(SearchSpace space, TrialConfig config) => false;

    /// <inheritdoc />
    public string Describe(SearchSpace space, int initial) =>
        $"bayes: {initial} random, then TPE{(space.RunCap < SearchMethods.MaxTrials ? $" up to {space.RunCap} trials" : "")}";
}
