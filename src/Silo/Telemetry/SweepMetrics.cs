using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Silo.Telemetry;

/// <summary>
/// sweep's own metrics, as .NET instruments of the meter <see cref="MeterName"/>, process-wide as
/// Orleans' and Npgsql's are. A silo publishes them, with Orleans' meters, in Prometheus' text
/// format at /metrics on its health port (`sweep silo --health-port`), where the meter's
/// name prefixes each ("sweep_trials_started_total"): the instruments are named as Prometheus
/// names metrics, since the exporter adds no unit or _total suffix of its own.
/// </summary>
public static class SweepMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Sweep";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<object, Func<IReadOnlyList<SlotState>>> SlotSources = new();

    /// <summary>Trials a slot of this process began to train.</summary>
    public static readonly Counter<long> TrialsStarted = Meter.CreateCounter<long>("trials_started_total", description: "Trials this silo's slots began to train.");

    /// <summary>Trials that ended in a slot of this process, by how (the tag "outcome": completed, stopped, diverged, failed, interrupted, handed_back, lost).</summary>
    public static readonly Counter<long> TrialsEnded = Meter.CreateCounter<long>("trials_ended_total", description: "Trials that ended in this silo's slots, by outcome.");

    /// <summary>How long the scheduler took to claim a queued trial for a free slot (a proposal included).</summary>
    public static readonly Histogram<double> ClaimSeconds = Meter.CreateHistogram<double>("claim_duration_seconds", description: "Time to claim a queued trial for a free slot.");

    /// <summary>Store calls retried after a transient fault (PostgreSQL restarting, a dropped connection).</summary>
    public static readonly Counter<long> StoreRetries = Meter.CreateCounter<long>("store_retries_total", description: "Store calls retried after a transient fault.");

    static SweepMetrics()
    {
        Meter.CreateObservableGauge("slots", () => (long)Slots().Count, description: "Slots of this silo.");
        Meter.CreateObservableGauge("slots_busy", () => (long)Slots().Count(s => s.Busy), description: "Slots of this silo that hold a trial.");
        Meter.CreateObservableGauge("slot_steps_per_second", () => Slots().Select(s => new Measurement<double>(s.StepsPerSecond, new KeyValuePair<string, object?>("slot", s.Index))),
            description: "Training steps per second of each slot's trial over its last report; 0 when idle.");
    }

    /// <summary>One slot, as the gauges see it.</summary>
    /// <param name="Index">The slot's number in its silo.</param>
    /// <param name="Busy">Whether it holds a trial.</param>
    /// <param name="StepsPerSecond">Its trial's recent speed.</param>
    public readonly record struct SlotState(int Index, bool Busy, double StepsPerSecond);

    /// <summary>Has the slot gauges read <paramref name="slots"/> until the returned handle is disposed.</summary>
    public static IDisposable TrackSlots(Func<IReadOnlyList<SlotState>> slots)
    {
        var key = new object();
        SlotSources[key] = slots;
        return new Untrack(key);
    }

    private static List<SlotState> Slots() => [.. SlotSources.Values.SelectMany(source => source())];

    private sealed class Untrack(object key) : IDisposable
    {
        public void Dispose() => SlotSources.TryRemove(key, out _);
    }
}
