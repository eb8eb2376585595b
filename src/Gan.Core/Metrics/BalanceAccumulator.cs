using Torch;

namespace Gan.Core.Metrics;

/// <summary>
/// Sums each step's balance metrics on the device, so that nothing is copied to the host
/// until a logging interval ends.
/// </summary>
internal sealed class BalanceAccumulator : IDisposable
{
    private readonly Tensor sums;

    internal BalanceAccumulator(Device device)
    {
        sums = torch.zeros([MetricNames.Averaged.Count], torch.float64, device).DetachFromDisposeScope();
    }

    /// <summary>Steps added since the last read.</summary>
    internal int Steps { get; private set; }

    /// <summary>Adds one step's values, each a scalar tensor, in <see cref="MetricNames.Averaged"/> order.</summary>
    internal void Add(IReadOnlyList<Tensor> values)
    {
        using var stacked = torch.stack(values);
        using var asDouble = stacked.to(torch.float64);
        sums.add_(asDouble);
        Steps++;
    }

    /// <summary>The means since the last read (copied to the host once), then starts over.</summary>
    internal Dictionary<string, double> ReadAndReset()
    {
        var totals = sums.data<double>();
        sums.zero_();
        var steps = Math.Max(Steps, 1);
        Steps = 0;
        return MetricNames.Averaged.Select((name, i) => (name, value: totals[i] / steps)).ToDictionary(p => p.name, p => p.value);
    }

    public void Dispose() => sums.Dispose();
}
