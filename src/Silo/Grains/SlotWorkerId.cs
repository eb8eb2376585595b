using Orleans.Runtime;

namespace Silo.Grains;

/// <summary>
/// How a slot's trainer process names itself in the store ("SILO/slotN/HOST:PID"): the silo
/// whose death hands its trials back, and the process, whose death on this machine does too,
/// without waiting for a lease to run out.
/// </summary>
public static class SlotWorkerId
{
    /// <summary>The id of trainer process <paramref name="processId"/> in slot <paramref name="slot"/> of <paramref name="silo"/>.</summary>
    public static string Of(SiloAddress silo, int slot, int processId) =>
        $"{silo.ToParsableString()}/slot{slot}/{Environment.MachineName}:{processId}";

    /// <summary>The silo a worker id names, or null for an id of another form.</summary>
    public static SiloAddress? SiloOf(string workerId)
    {
        var cut = workerId.IndexOf('/');
        if (cut <= 0)
            return null;
        try
        {
            return SiloAddress.FromParsableString(workerId[..cut]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when <paramref name="workerId"/> names a trainer on this machine whose process no
    /// longer runs. One of another machine, or on a system without /proc, is never judged gone
    /// here: its silo's membership, or its lease, decides.
    /// </summary>
    public static bool IsGone(string workerId)
    {
        var process = workerId[(workerId.LastIndexOf('/') + 1)..];
        var colon = process.LastIndexOf(':');
        if (!OperatingSystem.IsLinux() || colon < 0 || process[..colon] != Environment.MachineName
            || !int.TryParse(process[(colon + 1)..], out var processId))
            return false;
        try
        {
            // A pid is reused in time; only a live trainer process counts as the trainer.
            return !IsTrainer(File.ReadAllText($"/proc/{processId}/cmdline"));
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>
    /// Whether a process's <c>/proc/PID/cmdline</c> (arguments separated by NUL) is a trainer's:
    /// how a reused pid is told apart. A trainer runs this assembly (<c>dotnet Silo.dll</c>).
    /// </summary>
    public static bool IsTrainer(string commandLine) =>
        commandLine.Contains($"{Path.GetFileName(typeof(SlotWorkerId).Assembly.Location)}\0", StringComparison.Ordinal);
}
