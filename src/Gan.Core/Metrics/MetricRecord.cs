namespace Gan.Core.Metrics;

/// <summary>The training metrics of one logging interval, averaged over its steps.</summary>
/// <param name="Step">The last step of the interval (steps count from 1).</param>
/// <param name="Epoch">The epoch that step belongs to.</param>
/// <param name="Values">Metric name → value; see <see cref="MetricNames"/>.</param>
public sealed record MetricRecord(long Step, long Epoch, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>A metric's value.</summary>
    public double this[string name] => Values[name];
}
