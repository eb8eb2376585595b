using System.Runtime.InteropServices;

namespace Silo.Slots;

/// <summary>The POSIX signal a trainer process asks for, so that it never outlives its silo.</summary>
public static partial class Signals
{
    private const int SigTerm = 15;
    private const int PrSetPdeathsig = 1;

    /// <summary>
    /// Has the kernel send this process SIGTERM when its parent dies, however it dies (SIGKILL
    /// included), so that a trainer never trains on as an orphan: SIGTERM makes it checkpoint and
    /// hand its trial back. Returns false when the parent is already gone, since the request
    /// only covers a parent alive at the time it is made. Linux only; elsewhere it does nothing.
    /// Strictly, the kernel watches the thread that started this process, not the whole parent:
    /// <see cref="SlotRunner"/> starts every trainer from one thread that lives as long as the silo.
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
    private static partial int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [LibraryImport("libc")]
    private static partial int getppid();
}
