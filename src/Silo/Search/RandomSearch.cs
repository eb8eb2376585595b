using Silo.Trials;

namespace Silo.Search;

/// <summary><c>run_cap</c> trials drawn from <c>random_seed</c>, all stored at once: the same trials every time.</summary>
public sealed class RandomSearch : ISearchMethod
{
    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public bool Learns => false;

    /// <inheritdoc />
    public string? Requirement(bool hasRunCap, bool hasBudget) => hasRunCap ? null : "random search needs run_cap, the number of trials to draw";

    /// <inheritdoc />
    public IReadOnlyList<TrialConfig> InitialTrials(SearchSpace space) => space.RandomTrials(space.RunCap);

    /// <inheritdoc />
    public int Remaining(SearchSpace space, int stored) => 0;

    /// <inheritdoc />
    public Proposal? Propose(SearchSpace space, IReadOnlyList<SearchObservation> history, int index) =>
        throw new InvalidOperationException("A random search stores every trial at once and proposes none.");

    /// <inheritdoc />
    public bool KeepsCheckpoint(SearchSpace space, TrialConfig config) => false;

    /// <inheritdoc />
    public string Describe(SearchSpace space, int initial) => $"{initial} trials (random)";
}
