using System.Globalization;
using Silo.Stores;

namespace Silo.Slots;

/// <summary>
/// The lines a slot runner and its trainer process exchange over the trainer's standard input
/// and output. To the trainer: "train ID ATTEMPT WORKER", "interrupt" (stop the trial as
/// interrupted), "handback" (stop it, queue it again, and exit). From the trainer: "ended ID"
/// once the trial's end is recorded. End of input means the runner is gone: hand back and exit.
/// </summary>
public static class TrainerProtocol
{
    /// <summary>Stop the trial in training; it ends as interrupted.</summary>
    public const string Interrupt = "interrupt";

    /// <summary>Stop the trial in training, queue it again, and exit.</summary>
    public const string HandBack = "handback";

    private const string Train = "train ";
    private const string Ended = "ended ";

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

    /// <summary>The line a trainer writes once trial <paramref name="trialId"/>'s end is recorded.</summary>
    public static string EndedLine(long trialId) => string.Create(CultureInfo.InvariantCulture, $"{Ended}{trialId}");

    /// <summary>The trial an "ended" line names, or null for another line.</summary>
    public static long? ParseEnded(string line) =>
        line.StartsWith(Ended, StringComparison.Ordinal) && long.TryParse(line.AsSpan(Ended.Length), CultureInfo.InvariantCulture, out var id) ? id : null;
}
