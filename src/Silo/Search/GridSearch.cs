using Silo.Trials;

namespace Silo.Search;

/// <summary>
/// The cartesian product of every parameter's values, the last parameter varying fastest (like
/// nested loops in file order), all stored at once. A conditional parameter is left out of a
/// trial whose options do not meet its condition, and the grid then keeps one trial of each
/// configuration, so `width` is never crossed with an architecture it does not apply to.
/// </summary>
public sealed class GridSearch : ISearchMethod
{
    /// <summary>The most trials a grid without run_cap expands to; a larger grid needs an explicit run_cap.</summary>
    public const int DefaultCap = 1_000;

    /// <inheritdoc />
    public string Name => "grid";

    /// <inheritdoc />
    public bool Learns => false;

    /// <inheritdoc />
    public string? Requirement(bool hasRunCap, bool hasBudget) => null;

    /// <summary>The number of trials a grid of <paramref name="parameters"/> has, saturating at <see cref="long.MaxValue"/> instead of wrapping.</summary>
    public static long Size(IEnumerable<ParameterSpec> parameters)
    {
        var size = 1L;
        foreach (var count in parameters.Select(p => p is ValuesParameter v ? Math.Max(v.Values.Count, 1) : 1))
            size = size > long.MaxValue / count ? long.MaxValue : size * count;
        return size;
    }

    /// <inheritdoc />
    public IReadOnlyList<TrialConfig> InitialTrials(SearchSpace space)
    {
        IEnumerable<IReadOnlyList<(string, object)>> combinations = [[]];
        foreach (var parameter in space.Parameters.Cast<ValuesParameter>())
            combinations = combinations.SelectMany(prefix => parameter.Values.Select(value => (IReadOnlyList<(string, object)>)[.. prefix, (parameter.Name, value)]));
        var configs = combinations.Select(space.Configure);
        // Only a condition makes combinations alike (mlp at width 0.25 and at 0.5); other grids keep every one.
        return space.Parameters.Any(p => p.When is not null) ? configs.DistinctBy(config => config.ToJson()).ToList() : configs.ToList();
    }

    /// <inheritdoc />
    public int Remaining(SearchSpace space, int stored) => 0;

    /// <inheritdoc />
    public Proposal? Propose(SearchSpace space, IReadOnlyList<SearchObservation> history, int index) =>
        throw new InvalidOperationException("A grid stores every trial at once and proposes none.");

    /// <inheritdoc />
    public bool KeepsCheckpoint(SearchSpace space, TrialConfig config) => false;

    /// <inheritdoc />
    public string Describe(SearchSpace space, int initial) => $"{initial} trials (grid)";
}
