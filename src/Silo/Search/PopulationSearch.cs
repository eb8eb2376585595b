using Gan.Core.Training;
using Silo.Trials;

namespace Silo.Search;

/// <summary>
/// Population-based training (Jaderberg et al. 2017), asynchronous as Ray Tune runs it, in
/// stretches. <see cref="PopulationSettings.Size"/> members are drawn at random; each trains
/// <see cref="PopulationSettings.Interval"/> steps at a time, and every stretch of a member is a
/// trial of its own, which starts from the checkpoint its parent, an ended trial, kept in the store
/// (so it may run on any silo). When a member ends a stretch it is ranked, by the sweep metric,
/// against the members that have ended that same stretch so far (the same steps trained), and goes
/// on at once: no member waits for a slower one, except that the first to end a stretch waits for
/// a second to be compared with. A member in the bottom quantile of them, or one
/// whose stretch did not complete, exploits: it goes on from the checkpoint of a random member of
/// the top quantile at that stretch (both networks, both optimizers' state, the step, the data
/// position), and explores: each of the sweep's mutable options is scaled by 0.8 or 1.2, or drawn
/// afresh with <see cref="PopulationSettings.ResampleProbability"/>. The others go on from their
/// own. A member is copied only from a stretch that has ended, so no two members copy into each
/// other at once. A proposal depends on the seed, the stretch's trial number and the scores of the
/// stretches ended when it is made: the same outcomes, ended in the same order, give the same
/// schedule.
/// </summary>
public sealed class PopulationSearch : ISearchMethod
{
    /// <summary>The method's name in sweep files.</summary>
    public const string MethodName = "pbt";

    /// <summary>The fewest members a stretch is compared among, the member itself included.</summary>
    private const int ComparedAtLeast = 2;

    private const double Shrink = 0.8;
    private const double Grow = 1.2;
    private const string StepsOption = "steps";
    private const string EvaluateOption = "evaluate";

    /// <summary>The options each stretch sets, which the search does not choose: where the stretch ends, and that it is scored at its end.</summary>
    public static IReadOnlyList<string> StretchOptions { get; } = [StepsOption, EvaluateOption];

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public bool Learns => true;

    /// <inheritdoc />
    public string? Requirement(bool hasRunCap, bool hasBudget) => null;

    /// <inheritdoc />
    public IReadOnlyList<TrialConfig> InitialTrials(SearchSpace space)
    {
        var population = Settings(space);
        return [.. space.RandomTrials(Math.Min(population.Size, space.RunCap)).Select(config => Stretch(config, population, 0))];
    }

    /// <inheritdoc />
    public int Remaining(SearchSpace space, int stored) => (int)Math.Max(0, Math.Min(space.RunCap, Settings(space).Trials) - stored);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">No member completed a stretch that every member has ended: none is left to go on from.</exception>
    public Proposal? Propose(SearchSpace space, IReadOnlyList<SearchObservation> history, int index)
    {
        var population = Settings(space);
        var stretches = new PopulationStretches(population, history);
        // The member furthest behind goes first, so that a slot that frees up evens out the steps.
        foreach (var member in stretches.Ready().OrderBy(m => population.IndexOf(stretches.Latest[m] + 1, m)))
        {
            if (Decide(space, population, stretches, stretches.Latest[member], member) is { } proposal)
                return proposal with { Released = stretches.Releasable(member, proposal.Parent!.Value) };
        }
        return null;
    }

    /// <summary>
    /// The next stretch of <paramref name="member"/>, whose stretch <paramref name="stretch"/> ended;
    /// null while no other member has ended that stretch, or while it cannot go on from its own and
    /// no member it is compared with can be copied yet.
    /// </summary>
    private static Proposal? Decide(SearchSpace space, PopulationSettings population, PopulationStretches stretches, int stretch, int member)
    {
        var own = stretches.At(stretch, member)!;
        var ranked = stretches.Ranked(stretch);
        // The first member to end a stretch waits for a second: going on unjudged would let a member planted with a hopeless rate train a whole stretch more.
        if (ranked.Count < Math.Min(ComparedAtLeast, stretches.Members))
            return null;
        var quantile = population.QuantileOf(ranked.Count);
        var top = ranked.Take(quantile).Where(o => o.Loss is not null).ToList();
        var next = population.IndexOf(stretch + 1, member);
        var parent = own;
        var config = own.Config;
        if (own.Loss is null || ranked.TakeWhile(o => o != own).Count() >= ranked.Count - quantile)
        {
            if (top.Count == 0)
            {
                // A member with nothing of its own to go on from waits for others to end the stretch; if all have, and none completed it, the population has nothing left.
                return ranked.Count < stretches.Members ? null
                    : throw new InvalidOperationException($"no member completed stretch {stretch} (steps to {population.EndOf(stretch)}), so none is left to go on from.");
            }
            var random = new Random(unchecked(space.Seed * 1_000_003 + next - 1));
            parent = top[random.Next(top.Count)];
            config = Explore(space, population, parent.Config, random);
        }
        return new Proposal(Stretch(config, population, stretch + 1)) { Parent = parent.TrialId, Index = next };
    }

    /// <inheritdoc />
    public string Describe(SearchSpace space, int initial)
    {
        var population = Settings(space);
        return $"pbt: a population of {population.Size}, {population.Stretches} stretches of {population.Interval} steps ({population.Trials} trials)";
    }

    /// <inheritdoc />
    /// <remarks>Every stretch but the last is gone on from.</remarks>
    public bool KeepsCheckpoint(SearchSpace space, TrialConfig config) => config.Options.Steps < Settings(space).TotalSteps;

    private static PopulationSettings Settings(SearchSpace space) =>
        space.Population ?? throw new InvalidOperationException("A pbt sweep's space holds its population settings.");

    /// <summary><paramref name="config"/> for stretch <paramref name="stretch"/>: trained to its end, and scored on the generator it ends with, as members are compared.</summary>
    private static TrialConfig Stretch(TrialConfig config, PopulationSettings population, int stretch) =>
        With(config, [(StepsOption, population.EndOf(stretch)), (EvaluateOption, TrainerOptions.EvaluateLast)]);

    /// <summary>The parent's configuration with each mutable option it has perturbed or drawn afresh.</summary>
    private static TrialConfig Explore(SearchSpace space, PopulationSettings population, TrialConfig parent, Random random)
    {
        var changes = new List<(string, object)>();
        foreach (var parameter in space.Parameters.Where(p => population.Mutations.Contains(p.Name) && parent.ContainsKey(p.Name)))
            changes.Add((parameter.Name, random.NextDouble() < population.ResampleProbability
                ? ParameterDraws.Draw(parameter, random)
                : Perturb(parameter, parent[parameter.Name], random)));
        return With(parent, changes);
    }

    /// <summary>A listed value's neighbour in the list, or a number scaled by 0.8 or 1.2 and kept within the distribution's bounds and the option's rule.</summary>
    private static object Perturb(ParameterSpec parameter, object value, Random random)
    {
        var up = random.Next(2) == 1;
        if (parameter is ValuesParameter values)
        {
            var at = values.Values.ToList().IndexOf(value);
            return at < 0 ? ParameterDraws.Draw(parameter, random) : values.Values[Math.Clamp(at + (up ? 1 : -1), 0, values.Values.Count - 1)];
        }
        var range = (RangeParameter)parameter;
        var scaled = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) * (up ? Grow : Shrink);
        if (Bounds(range) is var (low, high))
            scaled = Math.Clamp(scaled, low, high);
        var perturbed = range.Round(scaled);
        return TrainerOptionCatalog.All[range.Name].Allows(perturbed) ? perturbed : value;
    }

    /// <summary>The values a distribution draws between, in the option's own scale; none for the normal families.</summary>
    private static (double Low, double High)? Bounds(RangeParameter range) => range.Distribution switch
    {
        Distribution.LogUniform => (Math.Exp(range.Min), Math.Exp(range.Max)),
        Distribution.InvLogUniform => (Math.Exp(-range.Max), Math.Exp(-range.Min)),
        Distribution.Normal or Distribution.LogNormal => null,
        _ => (range.Min, range.Max),
    };

    /// <summary><paramref name="config"/> with <paramref name="changes"/> set, in its own order, new options last.</summary>
    private static TrialConfig With(TrialConfig config, IReadOnlyList<(string Name, object Value)> changes)
    {
        var values = config.ToDictionary(p => p.Key, p => p.Value);
        foreach (var (name, value) in changes)
            values[name] = value;
        return new TrialConfig(config.Keys.Concat(values.Keys.Except(config.Keys)).Select(k => KeyValuePair.Create(k, values[k])));
    }
}
