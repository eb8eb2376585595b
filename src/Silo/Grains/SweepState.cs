namespace Silo.Grains;

/// <summary>A sweep as the cluster sees it: whether it runs, and its trials counted by state.</summary>
/// <param name="Name">The sweep.</param>
/// <param name="Active">Whether the scheduler hands out its trials.</param>
/// <param name="Counts">Trials by state (see <see cref="Stores.TrialStates"/>).</param>
[GenerateSerializer, Immutable, Alias("sweep.SweepState")]
public sealed record SweepState([property: Id(0)] string Name, [property: Id(1)] bool Active, [property: Id(2)] IReadOnlyDictionary<string, int> Counts)
{
    /// <summary>Trials of a state.</summary>
    public int Count(string state) => Counts.GetValueOrDefault(state);

    /// <summary>True once nothing runs or will run: the sweep ended or was cancelled, and every trial has stopped.</summary>
    public bool Settled => !Active && Count(Stores.TrialStates.Running) == 0;
}
