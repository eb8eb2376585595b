namespace Silo.Search;

/// <summary>
/// A population's stored stretches as <see cref="PopulationSearch"/> decides on them: how far each
/// member has got, which members may go on, how the members that ended a stretch rank, and which
/// kept checkpoints no stretch to come can start from. Each stretch has its own trial number
/// (<see cref="PopulationSettings.IndexOf"/>), whatever order the stretches are proposed in.
/// </summary>
internal sealed class PopulationStretches
{
    private readonly PopulationSettings population;
    private readonly Dictionary<int, SearchObservation> byIndex;
    private readonly ILookup<long, SearchObservation> children;
    // A proposal ranks its member's stretch and then, for the checkpoints it releases, every stretch:
    // each is ranked once, from the history this object was made with.
    private readonly Dictionary<int, IReadOnlyList<SearchObservation>> ranked = [];

    /// <summary>The stretches stored so far, <paramref name="history"/>, each with its <see cref="SearchObservation.Index"/>.</summary>
    public PopulationStretches(PopulationSettings population, IReadOnlyList<SearchObservation> history)
    {
        this.population = population;
        byIndex = history.ToDictionary(o => o.Index);
        children = history.Where(o => o.Parent is not null).ToLookup(o => o.Parent!.Value);
        Latest = new int[population.Size];
        Array.Fill(Latest, -1);
        foreach (var index in byIndex.Keys)
        {
            var member = population.MemberOf(index);
            Latest[member] = Math.Max(Latest[member], population.StretchOf(index));
        }
    }

    /// <summary>Each member's last stored stretch (from 0); -1 for a member that run_cap left out.</summary>
    public int[] Latest { get; }

    /// <summary>The members stored: the population, unless run_cap left some out.</summary>
    public int Members => Latest.Count(stretch => stretch >= 0);

    /// <summary>The stored stretch <paramref name="stretch"/> of <paramref name="member"/>, or null.</summary>
    public SearchObservation? At(int stretch, int member) => byIndex.GetValueOrDefault(population.IndexOf(stretch, member));

    /// <summary>The members whose last stored stretch has ended and was not their last.</summary>
    public IEnumerable<int> Ready() =>
        Enumerable.Range(0, population.Size).Where(m => Latest[m] >= 0 && Latest[m] + 1 < population.Stretches && At(Latest[m], m)!.Ended);

    /// <summary>The members' ended stretches <paramref name="stretch"/>, best first, those without a score last: the members a stretch is compared with.</summary>
    public IReadOnlyList<SearchObservation> Ranked(int stretch)
    {
        if (!ranked.TryGetValue(stretch, out var members))
            ranked[stretch] = members = [.. Enumerable.Range(0, population.Size).Select(m => At(stretch, m)).OfType<SearchObservation>().Where(o => o.Ended)
                .OrderBy(o => o.Loss ?? double.PositiveInfinity).ThenBy(o => o.Index)];
        return members;
    }

    /// <summary>
    /// The ended stretches whose kept checkpoints no stretch will start from once
    /// <paramref name="member"/>'s next stretch, going on from <paramref name="parent"/>, is stored:
    /// each has its member's next stretch decided, every stretch started from it ended, and it can
    /// no longer be copied (every member has gone past it, it has no score, or enough members
    /// scored better at that stretch that it will never be in the top). Some may have been
    /// released before; dropping a checkpoint twice drops nothing.
    /// </summary>
    public IReadOnlyList<long> Releasable(int member, long parent)
    {
        // A member run_cap left out never decides, and is never waited for.
        bool Decided(int stretch, int m) => Latest[m] > stretch || Latest[m] < 0 || (m == member && Latest[m] == stretch);
        var released = new List<long>();
        for (var stretch = 0; stretch < population.Stretches - 1; stretch++)
        {
            var members = Ranked(stretch);
            var everyoneDecided = Enumerable.Range(0, population.Size).All(m => Decided(stretch, m));
            for (var rank = 0; rank < members.Count; rank++)
            {
                var kept = members[rank];
                var copyable = !everyoneDecided && kept.Loss is not null && rank < population.QuantileSize;
                if (Decided(stretch, population.MemberOf(kept.Index)) && !copyable && kept.TrialId != parent && children[kept.TrialId].All(c => c.Ended))
                    released.Add(kept.TrialId);
            }
        }
        released.Sort();
        return released;
    }
}
