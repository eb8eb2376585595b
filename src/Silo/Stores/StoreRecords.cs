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
    /// <summary>Ended early by the sweep's early-termination rules, on purpose: scored, and never resumed.</summary>
    public const string Stopped = "stopped";

    /// <summary>Every state, in the order tables show them.</summary>
    public static IReadOnlyList<string> All { get; } = [Queued, Running, Completed, Stopped, Failed, Diverged, Interrupted];

    /// <summary>
    /// Whether a trial that ended in <paramref name="status"/> may go on from its checkpoint:
    /// completed and stopped trials are done, and diverged ones restart from nothing, so none of them keeps one.
    /// </summary>
    public static bool KeepsCheckpoint(string status) => status is not (Completed or Stopped or Diverged);

    /// <summary>Whether a trial in <paramref name="status"/> has ended, however: neither waiting, nor training, nor interrupted (which resumes).</summary>
    public static bool IsEnded(string status) => status is not (Queued or Running or Interrupted);

    /// <summary>Whether a trial in <paramref name="status"/> ended as the sweep meant it to: trained, stopped early, or diverged (which a sweep exists to find).</summary>
    public static bool EndedOnPurpose(string status) => status is Completed or Stopped or Diverged;

    /// <summary>The state a trial result ends in.</summary>
    public static string Of(TrialStatus status) =>
        status switch
        {
            TrialStatus.Completed => Completed,
            TrialStatus.Diverged => Diverged,
            TrialStatus.Stopped => Stopped,
            _ => Interrupted,
        };
}

/// <summary>A sweep to store: its name, its file's text, the metric that ranks its trials, and its early-termination rules as JSON (<see cref="Search.EarlyTermination"/>).</summary>
public sealed record NewSweep(string Name, string Text, string Metric, bool Minimize, string? EarlyTermination = null)
{
    /// <summary>The metric value that ends the sweep once a trial reaches it (W&amp;B's metric.target).</summary>
    public double? Target { get; init; }

    /// <summary>The wall-clock time the sweep may take, from its first trial's start.</summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>A Bayesian sweep's search space (<c>SearchSpace</c> JSON): the scheduler proposes its trials from it as slots free up. Null for grid and random sweeps, whose trials are all stored at once.</summary>
    public string? Search { get; init; }
}

/// <summary>A stored sweep.</summary>
public sealed record StoredSweep(long Id, string Name, string FileText, string Metric, bool Minimize, DateTimeOffset Created, string? EarlyTermination = null)
{
    /// <summary>The metric value that ends the sweep once a trial reaches it.</summary>
    public double? Target { get; init; }

    /// <summary>The wall-clock time the sweep may take, from its first trial's start.</summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>A Bayesian sweep's search space, or null.</summary>
    public string? Search { get; init; }
}

/// <summary>A sweep with its trial counts by state.</summary>
public sealed record SweepSummary(StoredSweep Sweep, IReadOnlyDictionary<string, int> Counts);

/// <summary>A stored trial.</summary>
public sealed record TrialRecord(
    long Id, string Sweep, int Index, TrialConfig Config, string Status, int Attempts, string? Worker,
    string? Error, HealthFlags Flags, long Step, long TotalSteps, DateTimeOffset? Started, DateTimeOffset? Finished)
{
    /// <summary>The ended trial whose checkpoint this one starts from, when it has none of its own: a population member's previous stretch, or the better member it copied (<c>method: pbt</c>).</summary>
    public long? Parent { get; init; }

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

/// <summary>A stored evaluation; <paramref name="Step"/> is the training step of the generator scored, when known.</summary>
public sealed record StoredEvaluation(long TrialId, double Fid, int Coverage, double ClassifierScore, double LargestClassShare, int Samples, int[] ClassCounts, long? Step = null);
