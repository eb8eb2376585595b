using Gan.Core.Training;
using Silo.Trials;

namespace Silo.Stores;

/// <summary>The states a trial moves through.</summary>
public static class TrialStates
{
    /// <summary>Waiting for a worker.</summary>
    public const string Queued = "queued";
    /// <summary>Claimed by a worker holding a lease.</summary>
    public const string Running = "running";
    /// <summary>Trained and evaluated.</summary>
    public const string Completed = "completed";
    /// <summary>Stopped by an error.</summary>
    public const string Failed = "failed";
    /// <summary>Stopped because a loss or a weight blew up.</summary>
    public const string Diverged = "diverged";
    /// <summary>Stopped by Ctrl-C, with a checkpoint to resume from.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>Every state, in the order tables show them.</summary>
    public static IReadOnlyList<string> All { get; } = [Queued, Running, Completed, Failed, Diverged, Interrupted];

    /// <summary>
    /// Whether a trial that ended in <paramref name="status"/> may go on from its checkpoint:
    /// completed trials are done, and diverged ones restart from nothing, so neither keeps one.
    /// </summary>
    public static bool KeepsCheckpoint(string status) => status is not (Completed or Diverged);

    /// <summary>The state a trial result ends in.</summary>
    public static string Of(TrialStatus status) =>
        status switch
        {
            TrialStatus.Completed => Completed,
            TrialStatus.Diverged => Diverged,
            _ => Interrupted,
        };
}

/// <summary>A sweep to store: its name, its file's text and the metric that ranks its trials.</summary>
public sealed record NewSweep(string Name, string Text, string Metric, bool Minimize);

/// <summary>A stored sweep.</summary>
public sealed record StoredSweep(long Id, string Name, string FileText, string Metric, bool Minimize, DateTimeOffset Created);

/// <summary>A sweep with its trial counts by state.</summary>
public sealed record SweepSummary(StoredSweep Sweep, IReadOnlyDictionary<string, int> Counts);

/// <summary>A stored trial.</summary>
public sealed record TrialRecord(
    long Id, string Sweep, int Index, TrialConfig Config, string Status, int Attempts, string? Worker,
    string? Error, HealthFlags Flags, long Step, long TotalSteps, DateTimeOffset? Started, DateTimeOffset? Finished)
{
    /// <summary>Wall time from the first claim to the end, if it ended.</summary>
    public TimeSpan? Duration => Started is { } s && Finished is { } f ? f - s : null;

    /// <summary>The claim a running trial is held under; null when no worker holds it.</summary>
    public TrialClaim? Claim => Status == TrialStates.Running && Worker is { } worker ? new TrialClaim(Id, worker, Attempts) : null;
}

/// <summary>One attempt's hold on a trial: the worker that claimed it, and which claim of the trial this is.</summary>
/// <param name="TrialId">The trial.</param>
/// <param name="Worker">The worker that holds it.</param>
/// <param name="Attempt">The trial's claim count when this claim was made: it fences the writes of earlier claims.</param>
[GenerateSerializer, Immutable, Alias("sweep.TrialClaim")]
public sealed record TrialClaim([property: Id(0)] long TrialId, [property: Id(1)] string Worker, [property: Id(2)] int Attempt);

/// <summary>A stored evaluation.</summary>
public sealed record StoredEvaluation(long TrialId, double Fid, int Coverage, double ClassifierScore, double LargestClassShare, int Samples, int[] ClassCounts);
