using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;

namespace Silo.Stores;

/// <summary>
/// Writes under one claim that belong together, which a store commits in one transaction, all or
/// none: a step's metrics, sample grid and checkpoint; or a trial's last records, final weights,
/// evaluation and end. Each write means what its single form means (<see cref="TrialRecorderWrites"/>);
/// later writes of the same record replace earlier ones, and the end comes last.
/// </summary>
public sealed class TrialWrites
{
    /// <summary>Metric records, each replacing what the same step and name held.</summary>
    public List<MetricRecord> Metrics { get; } = [];

    /// <summary>Sample grids, checkpoints and generators, in the order they were made.</summary>
    public List<TrialArtifact> Artifacts { get; } = [];

    /// <summary>The trial's evaluation, replacing any earlier one; none leaves it.</summary>
    public QualityReport? Evaluation { get; set; }

    /// <summary>The step reached and the trial's total, recorded as a heartbeat records them (without renewing the lease); none leaves the last heartbeat's.</summary>
    public TrialProgress? Progress { get; set; }

    /// <summary>How the claim ends; none keeps it running.</summary>
    public TrialEnd? End { get; set; }

    /// <summary>Whether there is nothing to write.</summary>
    public bool IsEmpty => Metrics.Count == 0 && Artifacts.Count == 0 && Evaluation is null && Progress is null && End is null;

    /// <summary>
    /// The kinds of the trial's stored artifacts that the group replaces, all of them: each kind a
    /// trial keeps one of (<see cref="ArtifactPlacement.KeepsOne"/>) that the group writes, and the
    /// checkpoint its end drops. Sample grids are replaced only at their own epoch.
    /// </summary>
    public IReadOnlyList<ArtifactKind> ReplacedKinds =>
        [.. Artifacts.Select(a => a.Kind).Where(ArtifactPlacement.KeepsOne).Concat(DropsCheckpoint ? [ArtifactKind.Checkpoint] : []).Distinct()];

    /// <summary>
    /// Whether the group stores its artifact <paramref name="index"/>: not when a later one of the
    /// group replaces it, nor when it is a checkpoint the group's end drops, so that one group
    /// means what its writes one after another would.
    /// </summary>
    public bool Stores(int index)
    {
        var kind = Artifacts[index].Kind;
        return !ArtifactPlacement.KeepsOne(kind)
            || (!Artifacts.Skip(index + 1).Any(a => a.Kind == kind) && !(kind == ArtifactKind.Checkpoint && DropsCheckpoint));
    }

    /// <summary>The files placed for the group's artifacts that it does not store (<see cref="Stores"/>): deleted once it commits.</summary>
    internal IEnumerable<string> FilesNotStored(IReadOnlyList<PlacedArtifact> placed) =>
        placed.Select((at, index) => (at.File, index)).Where(p => p.File is not null && !Stores(p.index)).Select(p => p.File!.Key);

    private bool DropsCheckpoint => End?.DropsCheckpoint == true;
}

/// <summary>How a claim ends: the trial's final state, its health flags and error.</summary>
/// <param name="Status">The state it ends in (<see cref="TrialStates"/>).</param>
/// <param name="Flags">Its health flags.</param>
/// <param name="Error">Why it failed or stopped, if it did.</param>
/// <param name="KeepCheckpoint">
/// Whether an ended trial keeps its checkpoint: a population member's stretch, which the next
/// starts from. Otherwise a trial that ended for good drops it.
/// </param>
public sealed record TrialEnd(string Status, HealthFlags Flags, string? Error, bool KeepCheckpoint = false)
{
    /// <summary>Whether the end drops the trial's checkpoint.</summary>
    public bool DropsCheckpoint => !KeepCheckpoint && !TrialStates.KeepsCheckpoint(Status);
}

/// <summary>How far a trial has trained.</summary>
/// <param name="Step">G steps trained.</param>
/// <param name="TotalSteps">G steps it trains for.</param>
public readonly record struct TrialProgress(long Step, long TotalSteps);
