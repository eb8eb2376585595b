using Silo.Stores;

namespace Silo.Grains;

/// <summary>What a silo tells the scheduler each time it polls: its slots, and what each runs.</summary>
/// <param name="Silo">The silo's address, in Orleans' parsable form.</param>
/// <param name="Host">The machine's name.</param>
/// <param name="Slots">Its slots, by index.</param>
[GenerateSerializer, Immutable, Alias("sweep.SiloReport")]
public sealed record SiloReport([property: Id(0)] string Silo, [property: Id(1)] string Host, [property: Id(2)] IReadOnlyList<SlotReport> Slots);

/// <summary>One slot of a silo: a trainer process on a device, busy with a trial or free.</summary>
/// <param name="Index">The slot's index on its silo.</param>
/// <param name="Device">Where it trains: cpu, or cuda:N.</param>
/// <param name="Worker">The id its trainer process claims trials under; null while no trainer is running.</param>
/// <param name="Claim">The trial it trains, if any.</param>
[GenerateSerializer, Immutable, Alias("sweep.SlotReport")]
public sealed record SlotReport([property: Id(0)] int Index, [property: Id(1)] string Device, [property: Id(2)] string? Worker, [property: Id(3)] TrialClaim? Claim)
{
    /// <summary>True when its trainer is running and holds no trial.</summary>
    public bool Free => Worker is not null && Claim is null;
}

/// <summary>What the scheduler tells a polling silo.</summary>
/// <param name="Assignments">Trials to start, each on a free slot (by index).</param>
/// <param name="Stops">Trials to stop as interrupted (their sweep was cancelled).</param>
[GenerateSerializer, Immutable, Alias("sweep.SiloOrders")]
public sealed record SiloOrders([property: Id(0)] IReadOnlyList<SlotAssignment> Assignments, [property: Id(1)] IReadOnlyList<long> Stops);

/// <summary>A trial claimed for a slot.</summary>
[GenerateSerializer, Immutable, Alias("sweep.SlotAssignment")]
public sealed record SlotAssignment([property: Id(0)] int Slot, [property: Id(1)] TrialClaim Claim, [property: Id(2)] string Sweep);
