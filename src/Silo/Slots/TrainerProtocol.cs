using System.Globalization;
using Silo.Stores;

namespace Silo.Slots;

/// <summary>
/// The lines a slot runner and its trainer process exchange over the trainer's standard input
/// and output. To the trainer: "train ID ATTEMPT WORKER", "interrupt" (stop the trial as
/// interrupted), "handback" (stop it, queue it again, and exit). From the trainer: "step ID STEP"
/// as training goes (at most once a second), and "ended ID OUTCOME" once the trial's end is
/// recorded. End of input means the runner is gone: hand back and exit.
/// </summary>
public static class TrainerProtocol
{
    /// <summary>Stop the trial in training; it ends as interrupted.</summary>
    public const string Interrupt = "interrupt";

    /// <summary>Stop the trial in training, queue it again, and exit.</summary>
    public const string HandBack = "handback";

    /// <summary>The outcome of a trial handed back to the queue (SIGTERM, "handback").</summary>
    public const string HandedBack = "handed_back";

    /// <summary>The outcome of a trial whose claim another attempt took over.</summary>
    public const string Lost = "lost";

    private const string Train = "train ";
    private const string Ended = "ended ";
    private const string Step = "step ";

    /// <summary>The line that asks a trainer to train under <paramref name="claim"/>.</summary>
    public static string TrainLine(TrialClaim claim) =>
        string.Create(CultureInfo.InvariantCulture, $"{Train}{claim.TrialId} {claim.Attempt} {claim.Worker}");

    /// <summary>The claim a "train" line carries, or null for another line.</summary>
    public static TrialClaim? ParseTrain(string line)
    {
        var parts = line.Split(' ', 4);
        return line.StartsWith(Train, StringComparison.Ordinal) && parts.Length == 4
               && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var id) && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var attempt)
            ? new TrialClaim(id, parts[3], attempt)
            : null;
    }

    /// <summary>The line a trainer writes once trial <paramref name="trialId"/>'s end is recorded: a trial state, <see cref="HandedBack"/> or <see cref="Lost"/>.</summary>
    public static string EndedLine(long trialId, string outcome) => string.Create(CultureInfo.InvariantCulture, $"{Ended}{trialId} {outcome}");

    /// <summary>The trial an "ended" line names and its outcome, or null for another line.</summary>
    public static (long TrialId, string Outcome)? ParseEnded(string line) =>
        line.StartsWith(Ended, StringComparison.Ordinal) && line.Split(' ') is [_, var id, var outcome] && long.TryParse(id, CultureInfo.InvariantCulture, out var trialId)
            ? (trialId, outcome)
            : null;

    /// <summary>The line a trainer writes as trial <paramref name="trialId"/> reaches step <paramref name="step"/>.</summary>
    public static string StepLine(long trialId, long step) => string.Create(CultureInfo.InvariantCulture, $"{Step}{trialId} {step}");

    /// <summary>The trial and step a "step" line names, or null for another line.</summary>
    public static (long TrialId, long Step)? ParseStep(string line) =>
        line.StartsWith(Step, StringComparison.Ordinal) && line.Split(' ') is [_, var id, var step]
        && long.TryParse(id, CultureInfo.InvariantCulture, out var trialId) && long.TryParse(step, CultureInfo.InvariantCulture, out var reached)
            ? (trialId, reached)
            : null;
}
