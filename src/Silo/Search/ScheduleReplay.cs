using Silo.Trials;

namespace Silo.Search;

/// <summary>
/// A pbt trial's schedule trained again (<c>sweep replay ID</c>): the stretches its weights
/// trained, each with the options it had, one after the other, each going on from the checkpoint
/// the one before kept. On the CPU, the last stretch ends with the same generator and scores as the
/// trial replayed. Sweep files cannot name it: its stretches come from a stored trial.
/// </summary>
public sealed class ScheduleReplay : ISearchMethod
{
    /// <summary>The method's name, as the store keeps it.</summary>
    public const string MethodName = "replay";

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public bool Learns => true;

    /// <inheritdoc />
    public string? Requirement(bool hasRunCap, bool hasBudget) =>
        "method: replay trains a pbt trial's schedule again, and 'sweep replay ID' makes it from the stored trial; a sweep file cannot";

    /// <inheritdoc />
    public IReadOnlyList<TrialConfig> InitialTrials(SearchSpace space) => [Schedule(space)[0]];

    /// <inheritdoc />
    public int Remaining(SearchSpace space, int stored) => Math.Max(0, Schedule(space).Count - stored);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The stretch before did not complete: there is nothing to go on from.</exception>
    public Proposal? Propose(SearchSpace space, IReadOnlyList<SearchObservation> history, int index)
    {
        var last = history[index - 1];
        if (!last.Ended)
            return null;
        if (last.Loss is null)
            throw new InvalidOperationException($"stretch {index} of the replay (trial {last.TrialId}) did not complete, so the next has nothing to go on from.");
        return new Proposal(Schedule(space)[index])
        {
            Parent = last.TrialId,
            Released = index >= 2 ? [history[index - 2].TrialId] : [],
        };
    }

    /// <inheritdoc />
    public bool KeepsCheckpoint(SearchSpace space, TrialConfig config) => config.Options.Steps < Schedule(space)[^1].Options.Steps;

    /// <inheritdoc />
    public string Describe(SearchSpace space, int initial) =>
        $"replay: {Schedule(space).Count} stretches to step {Schedule(space)[^1].Options.Steps}, one after the other";

    private static IReadOnlyList<TrialConfig> Schedule(SearchSpace space) =>
        space.Schedule is { Count: > 0 } schedule ? schedule : throw new InvalidOperationException("A replay's space holds its schedule.");
}
