namespace Silo.Search;

/// <summary>
/// A density over one numeric parameter, in the scale its distribution is uniform or normal in
/// (a learning rate's logarithm, say): an equal-weight mixture of a Gaussian on each observed
/// value and one on the prior, truncated to the bounds when the distribution has them. Each
/// Gaussian is as wide as the larger gap to its neighbours, clipped between the prior's width
/// over min(100, n + 1) and the prior's width: hyperopt's adaptive Parzen estimator.
/// </summary>
internal sealed class ParzenEstimator
{
    private readonly double[] centres;
    private readonly double[] widths;
    private readonly double low;
    private readonly double high;

    /// <summary>An estimator over <paramref name="points"/>, with the prior <paramref name="priorCentre"/>, <paramref name="priorWidth"/> on [<paramref name="low"/>, <paramref name="high"/>] (infinite for the normal families).</summary>
    public ParzenEstimator(IReadOnlyList<double> points, double priorCentre, double priorWidth, double low, double high)
    {
        this.low = low;
        this.high = high;
        var sorted = points.Append(priorCentre).Order().ToArray();
        var prior = Array.IndexOf(sorted, priorCentre);
        var narrowest = priorWidth / Math.Min(100, sorted.Length);
        centres = sorted;
        widths = new double[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            var left = i > 0 ? sorted[i] - sorted[i - 1] : sorted[i] - low;
            var right = i < sorted.Length - 1 ? sorted[i + 1] - sorted[i] : high - sorted[i];
            var gap = Math.Max(double.IsFinite(left) ? left : 0, double.IsFinite(right) ? right : 0);
            widths[i] = i == prior ? priorWidth : Math.Clamp(gap, narrowest, priorWidth);
        }
    }

    /// <summary>A draw: a component chosen with equal chances, then a point of its Gaussian within the bounds.</summary>
    public double Sample(Random random)
    {
        var k = random.Next(centres.Length);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var x = centres[k] + widths[k] * ParameterDraws.StandardNormal(random);
            if (x >= low && x <= high)
                return x;
        }
        // A component far outside the bounds (a wide prior on a narrow range is not): its nearest point.
        return Math.Clamp(centres[k], low, high);
    }

    /// <summary>The log of the density at <paramref name="x"/>.</summary>
    public double LogDensity(double x)
    {
        var terms = new double[centres.Length];
        for (var k = 0; k < centres.Length; k++)
        {
            var z = (x - centres[k]) / widths[k];
            var mass = Phi((high - centres[k]) / widths[k]) - Phi((low - centres[k]) / widths[k]);
            terms[k] = -0.5 * z * z - Math.Log(widths[k] * Math.Sqrt(2 * Math.PI) * Math.Max(mass, 1e-12));
        }
        var most = terms.Max();
        return most + Math.Log(terms.Sum(t => Math.Exp(t - most)) / centres.Length);
    }

    /// <summary>The standard normal's cumulative distribution.</summary>
    private static double Phi(double z) => double.IsPositiveInfinity(z) ? 1 : double.IsNegativeInfinity(z) ? 0 : 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>The complementary error function, to a relative error under 1.2e-7 (Numerical Recipes' Chebyshev fit).</summary>
    private static double Erfc(double x)
    {
        var t = 1 / (1 + 0.5 * Math.Abs(x));
        var y = t * Math.Exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
                t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? y : 2 - y;
    }
}
