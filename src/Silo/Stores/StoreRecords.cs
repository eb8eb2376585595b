using Gan.Core.Training;

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
    long Id, string Sweep, int Index, IReadOnlyDictionary<string, object> Config, string Status, int Attempts, string? Worker,
    string? Error, HealthFlags Flags, long Step, long TotalSteps, DateTimeOffset? Started, DateTimeOffset? Finished)
{
    /// <summary>Wall time from the first claim to the end, if it ended.</summary>
    public TimeSpan? Duration => Started is { } s && Finished is { } f ? f - s : null;
}

/// <summary>A stored evaluation.</summary>
public sealed record StoredEvaluation(long TrialId, double Fid, int Coverage, double ClassifierScore, double LargestClassShare, int Samples, int[] ClassCounts);
