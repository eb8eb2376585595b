using System.Runtime.InteropServices;

namespace Silo.Scheduling;

/// <summary>POSIX signals between `sweep run` and its worker processes.</summary>
public static partial class Signals
{
    private const int SigTerm = 15;
    private const int PrSetPdeathsig = 1;

    /// <summary>
    /// Asks a worker to stop as Ctrl-C would (it checkpoints); false if it is gone. SIGTERM, not
    /// SIGINT: a shell starts background jobs with SIGINT ignored and children inherit that, so
    /// under `sweep run … &amp;` a forwarded SIGINT would never arrive.
    /// </summary>
    public static bool Interrupt(int processId) => kill(processId, SigTerm) == 0;

    /// <summary>
    /// Has the kernel send this process SIGTERM when its parent dies, however it dies (SIGKILL
    /// included), so that a worker never trains on as an orphan: SIGTERM makes it checkpoint and
    /// mark its trial interrupted. Returns false when the parent is already gone, since the request
    /// only covers a parent alive at the time it is made. Linux only; elsewhere it does nothing.
    /// Strictly, the kernel watches the thread that started this process, not the whole parent:
    /// <see cref="LocalRunner"/> starts every worker from the one thread that runs the sweep.
    /// </summary>
    /// <param name="parentProcessId">The process that started this one.</param>
    public static bool TerminateWithParent(int parentProcessId)
    {
        if (!OperatingSystem.IsLinux())
            return true;
        prctl(PrSetPdeathsig, SigTerm, 0, 0, 0);
        return getppid() == parentProcessId;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [LibraryImport("libc")]
    private static partial int getppid();
}
