using Silo.Trials;

namespace Silo.Search;

/// <summary>A trial a learning search method proposes.</summary>
/// <param name="Config">The trial's configuration.</param>
public sealed record Proposal(TrialConfig Config)
{
    /// <summary>The ended trial whose checkpoint it starts from (a population member's next stretch), or null to train from scratch.</summary>
    public long? Parent { get; init; }

    /// <summary>The place it is stored at, from 1: a population member's stretch has its own (<see cref="PopulationSettings.IndexOf"/>); null for the place after the last trial.</summary>
    public int? Index { get; init; }

    /// <summary>Ended trials whose kept checkpoints no later trial will start from: the store may drop them.</summary>
    public IReadOnlyList<long> Released { get; init; } = [];
}
