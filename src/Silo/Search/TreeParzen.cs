using System.Globalization;
using Gan.Core.Training;
using Silo.Stores;
using Silo.Trials;

namespace Silo.Search;

/// <summary>A trial a learning search learns from: its configuration and its loss (the sweep metric, lower is better), or null while it runs, or if it was stopped or failed.</summary>
public sealed record SearchObservation(TrialConfig Config, double? Loss)
{
    /// <summary>The stored trial's id.</summary>
    public long TrialId { get; init; }

    /// <summary>Whether the trial has ended, however it ended.</summary>
    public bool Ended { get; init; }

    /// <summary>The trial's place in its sweep, from 1, as the store numbers trials.</summary>
    public int Index { get; init; }

    /// <summary>The ended trial whose checkpoint it starts from, if any (<see cref="TrialRecord.Parent"/>).</summary>
    public long? Parent { get; init; }
}

/// <summary>
/// The tree-structured Parzen estimator (TPE) of hyperopt and Optuna. The first
/// <see cref="SearchSpace.StartupTrials"/> trials (<see cref="DefaultStartupTrials"/> unless the
/// sweep file's <c>startup_trials</c> says otherwise, as Optuna's <c>n_startup_trials</c>) are a random search's. After them, the scored trials are
/// split into the best quarter (at most 25) and the rest, each parameter gets a density over the
/// good trials' values, l(x), and one over the others', g(x), and the proposal takes, for each
/// parameter, the best l(x)/g(x) of <see cref="Candidates"/> draws from l. Trials that have no
/// score yet count with the others, as if they had the worst one (Optuna's constant liar), so
/// slots that free up together do not all propose the same point; so do trials that were
/// stopped early or failed. Proposals depend only on the seed, the trial's index and the history,
/// so a sweep run again with the same seed and outcomes proposes the same trials.
/// </summary>
public static class TreeParzen
{
    /// <summary>Trials drawn at random before the estimator has anything to go on, unless the sweep says how many.</summary>
    public const int DefaultStartupTrials = 5;

    /// <summary>Draws from l(x) compared per parameter.</summary>
    public const int Candidates = 24;

    /// <summary>The share of scored trials counted as good, and the most of them.</summary>
    private const double GoodShare = 0.25;
    private const int MostGood = 25;

    /// <summary>How often a proposal the trainer would refuse (an option pair it forbids) is made again before the sweep falls back to a random draw.</summary>
    private const int MaxRetries = 20;

    /// <summary>Trial number <paramref name="index"/> (from 0) of a sweep over <paramref name="space"/> that has seen <paramref name="history"/>.</summary>
    public static TrialConfig Propose(SearchSpace space, IReadOnlyList<SearchObservation> history, int index)
    {
        if (index < space.StartupTrials)
            return space.RandomTrials(index + 1)[index];
        var random = new Random(unchecked(space.Seed * 1_000_003 + index));
        var scored = history.Where(o => o.Loss is not null).OrderBy(o => o.Loss).ToList();
        if (scored.Count == 0)
            return RandomTrial(space, random);
        var goodCount = Math.Min((int)Math.Ceiling(GoodShare * scored.Count), MostGood);
        var good = scored.Take(goodCount).ToList();
        var bad = scored.Skip(goodCount).Concat(history.Where(o => o.Loss is null)).ToList();
        for (var attempt = 0; attempt < MaxRetries; attempt++)
        {
            var config = space.Configure(space.Parameters.Select(p => (p.Name, Choose(p, good, bad, random))).ToList());
            if (TrainerOptionsValidator.Validate(config.Options).Count == 0)
                return config;
        }
        return RandomTrial(space, random);
    }

    private static TrialConfig RandomTrial(SearchSpace space, Random random) =>
        space.Configure(space.Parameters.Select(p => (p.Name, ParameterDraws.Draw(p, random))).ToList());

    /// <summary>The value of <paramref name="parameter"/> with the best l/g among draws from l; only trials the parameter applied to count.</summary>
    private static object Choose(ParameterSpec parameter, List<SearchObservation> good, List<SearchObservation> bad, Random random)
    {
        var goodValues = ValuesOf(parameter.Name, good);
        var badValues = ValuesOf(parameter.Name, bad);
        return parameter switch
        {
            ValuesParameter values => ChooseValue(values, goodValues, badValues, random),
            RangeParameter range => ChooseNumber(range, goodValues, badValues, random),
            _ => throw new ArgumentOutOfRangeException(nameof(parameter)),
        };
    }

    private static List<object> ValuesOf(string name, List<SearchObservation> observations) =>
        [.. observations.Select(o => o.Config.TryGetValue(name, out var value) ? value : null).OfType<object>()];

    private static object ChooseValue(ValuesParameter parameter, List<object> good, List<object> bad, Random random)
    {
        // Each value's weight is its count among the trials plus its prior chance, as if the prior were one more trial.
        double[] Weights(List<object> seen) =>
            [.. parameter.Values.Select((value, i) => seen.Count(v => v.Equals(value)) + (parameter.Probabilities?[i] ?? 1.0 / parameter.Values.Count))];
        var l = Weights(good);
        var g = Weights(bad);
        var (lTotal, gTotal) = (l.Sum(), g.Sum());
        var best = -1;
        for (var draw = 0; draw < Candidates; draw++)
        {
            var candidate = ParameterDraws.Pick(l, random.NextDouble() * lTotal);
            if (best < 0 || Ratio(candidate) > Ratio(best))
                best = candidate;
        }
        return parameter.Values[best];

        double Ratio(int i) => Math.Log(l[i] / lTotal) - Math.Log(g[i] / gTotal);
    }

    private static object ChooseNumber(RangeParameter parameter, List<object> good, List<object> bad, Random random)
    {
        var (low, high) = Bounds(parameter);
        var (centre, width) = double.IsFinite(low) ? ((low + high) / 2, high - low) : (parameter.Mu, parameter.Sigma);
        ParzenEstimator Estimator(List<object> values) =>
            new([.. values.Select(v => ToScale(parameter, Convert.ToDouble(v, CultureInfo.InvariantCulture))).Where(double.IsFinite)], centre, width, low, high);
        var l = Estimator(good);
        var g = Estimator(bad);
        object? best = null;
        var bestRatio = double.NegativeInfinity;
        for (var draw = 0; draw < Candidates; draw++)
        {
            var x = l.Sample(random);
            var value = parameter.Round(FromScale(parameter, x));
            var ratio = l.LogDensity(x) - g.LogDensity(x);
            if (TrainerOptionCatalog.All[parameter.Name].Allows(value) && (best is null || ratio > bestRatio))
                (best, bestRatio) = (value, ratio);
        }
        return best ?? ParameterDraws.Draw(parameter, random);
    }

    /// <summary>The bounds of the scale the distribution is uniform in; infinite for the normal families.</summary>
    private static (double Low, double High) Bounds(RangeParameter r) => r.Distribution switch
    {
        Distribution.Uniform or Distribution.LogUniform or Distribution.InvLogUniform => (r.Min, r.Max),
        // Whole numbers: each one owns the unit around it, the end ones included.
        Distribution.IntUniform => (r.Min - 0.5, r.Max + 0.5),
        Distribution.LogUniformValues => (Math.Log(r.Min), Math.Log(r.Max)),
        Distribution.InvLogUniformValues => (-Math.Log(r.Max), -Math.Log(r.Min)),
        _ => (double.NegativeInfinity, double.PositiveInfinity),
    };

    /// <summary>A value in the scale the distribution is uniform or normal in.</summary>
    private static double ToScale(RangeParameter r, double x) => r.Distribution switch
    {
        Distribution.Uniform or Distribution.IntUniform or Distribution.Normal => x,
        Distribution.InvLogUniform or Distribution.InvLogUniformValues => -Math.Log(x),
        _ => Math.Log(x),
    };

    private static double FromScale(RangeParameter r, double u) => r.Distribution switch
    {
        Distribution.Uniform or Distribution.IntUniform or Distribution.Normal => u,
        Distribution.InvLogUniform or Distribution.InvLogUniformValues => Math.Exp(-u),
        _ => Math.Exp(u),
    };
}
