namespace Silo.Slots;

/// <summary>
/// A request to stop the trial in training: as interrupted (Ctrl-C, a cancelled sweep), or
/// handed back to the queue for another slot to resume (a silo leaving the cluster).
/// </summary>
public sealed class TrialStop : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private volatile bool handBack;

    /// <summary>Fires when a stop is requested.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>True when the trial is to go back to the queue rather than end as interrupted.</summary>
    public bool HandBack => handBack;

    /// <summary>Asks the trial to stop; once a hand-back is asked for, it stays one.</summary>
    public void Request(bool handTrialBack)
    {
        if (handTrialBack)
            handBack = true;
        source.Cancel();
    }

    /// <inheritdoc />
    public void Dispose() => source.Dispose();
}
