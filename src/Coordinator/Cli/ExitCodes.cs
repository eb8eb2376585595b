namespace Coordinator.Cli;

/// <summary>The process exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Something failed that was not the user's input.</summary>
    public const int Failure = 1;

    /// <summary>Bad input: unknown options, invalid values, a bad file.</summary>
    public const int BadInput = 2;

    /// <summary>The sweep ran, but some trials failed or did not finish; <c>sweep resume NAME --failed</c> retries them.</summary>
    public const int TrialsFailed = 3;

    /// <summary>Interrupted (Ctrl-C, SIGINT, SIGTERM or SIGHUP): running trials were checkpointed.</summary>
    public const int Interrupted = 130;
}
