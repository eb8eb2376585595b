namespace Silo.Search;

/// <summary>
/// The rungs of asynchronous successive halving, and its decision at each: the trial goes on only
/// if its value is within the best 1/eta of the values recorded at that rung so far (its own
/// included). The first trial at a rung always goes on; later ones are held to the trials that
/// came before them, so no trial waits for its peers, as in ASHA.
/// </summary>
public static class HyperbandRungs
{
    /// <summary>Whether <paramref name="step"/> is a rung: min_iter·etaᵏ (rounded), before max_iter.</summary>
    public static bool IsRung(EarlyTermination rules, long step)
    {
        var rung = (double)rules.MinIter;
        while (Math.Round(rung) <= step && (rules.MaxIter is not { } max || Math.Round(rung) < max))
        {
            if ((long)Math.Round(rung) == step)
                return true;
            rung *= rules.Eta;
        }
        return false;
    }

    /// <summary>
    /// The value a trial must match or beat at a rung: the 1/eta quantile of the values there
    /// (linearly interpolated, as numpy's percentile), from the better end.
    /// </summary>
    public static double Cutoff(IReadOnlyCollection<double> values, double eta, bool minimize)
    {
        var sorted = values.Order().ToList();
        var q = minimize ? 1 / eta : 1 - 1 / eta;
        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
