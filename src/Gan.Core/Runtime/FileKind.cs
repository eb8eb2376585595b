using System.Runtime.InteropServices;

namespace Gan.Core.Runtime;

/// <summary>What a path names once its symbolic links are followed.</summary>
public enum FileKind
{
    /// <summary>Nothing: no such file, or a link to nothing.</summary>
    Missing,
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A folder.</summary>
    Directory,
    /// <summary>A device, a FIFO or a socket: reading one may never end, and writing one is no file of the user's.</summary>
    Special,
}

/// <summary>
/// Tells a regular file from a device, a FIFO or a socket, which .NET reports alike as files. Every
/// path a user hands in (a sweep file, a store, an output) is checked with it before it is opened,
/// so that /dev/zero is not read for ever and /dev/full is not replaced by a file.
/// </summary>
public static class FileKinds
{
    private const uint TypeMask = 0xF000, RegularType = 0x8000, DirectoryType = 0x4000;

    /// <summary>The kind of <paramref name="path"/>, following symbolic links.</summary>
    public static FileKind Of(string path)
    {
        if (Directory.Exists(path))
            return FileKind.Directory;
        if (!File.Exists(path))
            return FileKind.Missing;
        if (!OperatingSystem.IsLinux())
            return FileKind.Regular;
        var status = new byte[256];
        if (Stat(path, status) != 0)
            return FileKind.Missing;
        // st_mode's place in glibc's struct stat: after st_dev, st_ino and (on x86-64 alone) a 64-bit st_nlink.
        var offset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        return (BitConverter.ToUInt32(status, offset) & TypeMask) switch
        {
            RegularType => FileKind.Regular,
            DirectoryType => FileKind.Directory,
            _ => FileKind.Special,
        };
    }

    [DllImport("libc", EntryPoint = "stat")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
}
