namespace Silo.Search;

/// <summary>How a <c>method: pbt</c> sweep's population trains: the sweep file's <c>pbt</c> block, and base's <c>steps</c>.</summary>
/// <param name="Size">Members that train side by side (<c>population</c>).</param>
/// <param name="Interval">Steps in a stretch: how often the members are compared (<c>perturbation_interval</c>).</param>
/// <param name="TotalSteps">Steps every member trains in all.</param>
/// <param name="QuantileFraction">The share of members at the bottom that copy one at the top, and the share at the top they copy (<c>quantile_fraction</c>).</param>
/// <param name="ResampleProbability">The chance that explore draws an option afresh rather than scaling it by 0.8 or 1.2 (<c>resample_probability</c>).</param>
/// <param name="Mutations">The swept options explore changes (<c>hyperparam_mutations</c>); the others stay as each member drew them.</param>
public sealed record PopulationSettings(int Size, long Interval, long TotalSteps, double QuantileFraction, double ResampleProbability, IReadOnlyList<string> Mutations)
{
    /// <summary>Ray Tune's default share of the population that exploits, and is exploited.</summary>
    public const double DefaultQuantileFraction = 0.25;

    /// <summary>Ray Tune's default chance of drawing an option afresh when exploring.</summary>
    public const double DefaultResampleProbability = 0.25;

    /// <summary>The population when the sweep file gives none.</summary>
    public const int DefaultSize = 8;

    /// <summary>How many stretches each member trains: the last may be shorter than <see cref="Interval"/>.</summary>
    public int Stretches => (int)((TotalSteps + Interval - 1) / Interval);

    /// <summary>The trials the population trains in all: a member's every stretch is a trial.</summary>
    public long Trials => (long)Size * Stretches;

    /// <summary>How many members make the top, and the bottom, once the whole population has ended a stretch: at most half of them.</summary>
    public int QuantileSize => QuantileOf(Size);

    /// <summary>How many of <paramref name="compared"/> members make the top, and the bottom: at most half of them, so none is in both.</summary>
    public int QuantileOf(int compared) => Math.Min(compared / 2, (int)Math.Ceiling(compared * QuantileFraction));

    /// <summary>The member (from 0) whose stretch the sweep's trial number <paramref name="trialIndex"/> (from 1) is: a population's trials are its stretches, member by member, stretch after stretch.</summary>
    public int MemberOf(int trialIndex) => (trialIndex - 1) % Size;

    /// <summary>The stretch (from 0) that the sweep's trial number <paramref name="trialIndex"/> (from 1) trains.</summary>
    public int StretchOf(int trialIndex) => (trialIndex - 1) / Size;

    /// <summary>The trial number (from 1) of <paramref name="member"/>'s stretch <paramref name="stretch"/>: the place the store keeps it at, whenever it is proposed.</summary>
    public int IndexOf(int stretch, int member) => stretch * Size + member + 1;

    /// <summary>The step stretch <paramref name="stretch"/> (from 0) ends at.</summary>
    public long EndOf(int stretch) => Math.Min((stretch + 1) * Interval, TotalSteps);
}
