namespace Silo.Scheduling;

/// <summary>
/// How a local worker process names itself in the store ("host:pid"), and whether the process
/// behind such a name is gone, so that its trials can go back to the queue at once instead of
/// waiting for the lease to run out.
/// </summary>
public static class LocalWorkerId
{
    /// <summary>The id of the worker process <paramref name="processId"/> on this machine.</summary>
    public static string Of(int processId) => $"{Environment.MachineName}:{processId}";

    /// <summary>
    /// True when <paramref name="workerId"/> names a worker on this machine whose process no longer
    /// runs. A worker of another machine, or on a system without /proc, is never judged gone here:
    /// its lease decides.
    /// </summary>
    public static bool IsGone(string workerId)
    {
        var colon = workerId.LastIndexOf(':');
        if (!OperatingSystem.IsLinux() || colon < 0 || workerId[..colon] != Environment.MachineName
            || !int.TryParse(workerId[(colon + 1)..], out var processId))
            return false;
        try
        {
            // A pid is reused in time; only a live `sweep worker` process counts as the worker.
            return !File.ReadAllText($"/proc/{processId}/cmdline").Contains("\0worker\0", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return true;
        }
    }
}
