using System.Diagnostics;
using System.Globalization;

/// <summary>A fact that needs to mount a small tmpfs (root with CAP_SYS_ADMIN); skipped elsewhere.</summary>
public sealed class MountFactAttribute : FactAttribute
{
    private const int CapSysAdmin = 21;

    public MountFactAttribute()
    {
        if (!CanMount())
            Skip = "Mounting a tmpfs needs root with CAP_SYS_ADMIN: full-disk test skipped.";
    }

    private static bool CanMount()
    {
        var effective = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        return Environment.UserName == "root" && effective is not null
            && (ulong.Parse(effective["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << CapSysAdmin)) != 0;
    }
}

/// <summary>Mounts and unmounts the small tmpfs file systems that stand for a full disk.</summary>
internal static class SmallDisk
{
    /// <summary>Mounts a tmpfs on <paramref name="folder"/> with mount's <paramref name="options"/> ("size=3m"; "remount,size=200m" to grow it).</summary>
    public static void Mount(string folder, string options) => Run("mount", ["-t", "tmpfs", "-o", options, "tmpfs", folder]);

    /// <summary>Unmounts <paramref name="folder"/>, lazily, if anything is mounted there.</summary>
    public static void Unmount(string folder) => Run("umount", ["-l", folder]);

    private static void Run(string command, string[] arguments)
    {
        using var process = Process.Start(command, arguments);
        process.WaitForExit();
    }
}
