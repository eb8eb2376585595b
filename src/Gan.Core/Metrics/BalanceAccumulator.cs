using static TorchSharp.torch;

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
        sums = zeros([MetricNames.Averaged.Count], float64, device).DetachFromDisposeScope();
    }

    /// <summary>Steps added since the last read.</summary>
    internal int Steps { get; private set; }

    /// <summary>Adds one step's values, each a scalar tensor, in <see cref="MetricNames.Averaged"/> order.</summary>
    internal void Add(IReadOnlyList<Tensor> values)
    {
        using var stacked = stack(values);
        using var asDouble = stacked.to(float64);
        sums.add_(asDouble);
        Steps++;
    }

    /// <summary>The means since the last read (copied to the host once), then starts over.</summary>
    internal Dictionary<string, double> ReadAndReset()
    {
        // The scope frees the host copy and the wrapper that zero_() returns.
        using var scope = NewDisposeScope();
        // data<T>() reads host memory only; on a GPU the sums come over in one copy.
        var host = sums.cpu();
        var totals = host.data<double>().ToArray();
        sums.zero_();
        var steps = Math.Max(Steps, 1);
        Steps = 0;
        return MetricNames.Averaged.Select((name, i) => (name, value: totals[i] / steps)).ToDictionary(p => p.name, p => p.value);
    }

    /// <summary>The running sums, on the host: what a checkpoint taken between two records keeps, so that the record after a resume averages the same steps.</summary>
    internal Tensor Sums() => sums.cpu();

    /// <summary>Takes back the sums and step count a checkpoint kept.</summary>
    internal void Restore(Tensor saved, int steps)
    {
        using var onDevice = saved.to(float64, sums.device);
        sums.copy_(onDevice);
        Steps = steps;
    }

    public void Dispose() => sums.Dispose();
}
