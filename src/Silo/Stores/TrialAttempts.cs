namespace Silo.Stores;

/// <summary>
/// The rules of a trial's attempts, in one place: how long a claim holds without a heartbeat, how
/// many attempts a trial gets, and what becomes of an attempt that was lost.
/// </summary>
public static class TrialAttempts
{
    /// <summary>How many times a trial is claimed before a lost attempt fails it, rather than retrying forever.</summary>
    public const int Max = 3;

    /// <summary>How long a claim holds without a heartbeat: the backstop when no silo notices a death; then another worker may take the trial.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Hands back an attempt whose trainer, silo or process died: the trial is queued again, to
    /// resume from its checkpoint, or fails with <paramref name="reason"/> after <see cref="Max"/>
    /// attempts. Fenced by the claim: false, and nothing changes, if a later attempt holds the trial.
    /// </summary>
    public static bool HandBackLost(ISweepStore store, TrialClaim claim, string reason) => store.Release(claim, Max, reason);

    /// <summary>The failure reason of a trial lost <see cref="Max"/> times because its <paramref name="what"/> died.</summary>
    public static string DiedReason(string what) => $"its {what} died {Max} times";
}
