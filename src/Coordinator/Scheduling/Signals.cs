using System.Runtime.InteropServices;

namespace Coordinator.Scheduling;

/// <summary>Sends POSIX signals to other processes.</summary>
internal static partial class Signals
{
    private const int SigInt = 2;

    /// <summary>Asks a process to stop as Ctrl-C would; false if it is gone.</summary>
    internal static bool Interrupt(int processId) => kill(processId, SigInt) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
