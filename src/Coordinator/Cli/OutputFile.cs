using Gan.Core.Runtime;

namespace Coordinator.Cli;

/// <summary>
/// A file the user names for a command to write (<c>report -o</c>, <c>samples -o</c>,
/// <c>generate -o</c>). Only a regular file, or a new name in a folder that exists, is written; a
/// folder, a device, a FIFO or a socket is refused before any work, and nothing is replaced. A
/// symbolic link is followed, as the shell's <c>&gt;</c> follows it: its target is written and the
/// link stays. The bytes go to a temporary file beside the target first and are renamed onto it,
/// so a full disk or an interrupt leaves the earlier file whole.
/// </summary>
internal static class OutputFile
{
    /// <summary>The path the bytes will land on: <paramref name="path"/>, or the file its links end at.</summary>
    /// <exception cref="UserInputException">The path names something other than a regular file, or its folder is missing or read-only.</exception>
    public static string Check(string path, string option)
    {
        var target = Path.GetFullPath(path);
        try
        {
            // A new name is no link; ResolveLinkTarget would call it a missing file.
            if (new FileInfo(target).LinkTarget is not null && File.ResolveLinkTarget(target, returnFinalTarget: true) is { } link)
                target = link.FullName;
        }
        catch (IOException e)
        {
            throw Refused(path, option, $"it is a symbolic link that cannot be followed ({e.Message.TrimEnd('.')})");
        }
        switch (FileKinds.Of(target))
        {
            case FileKind.Directory:
                throw Refused(path, option, "it is a folder");
            case FileKind.Special:
                throw Refused(path, option, "it is a device, a FIFO or a socket, not a regular file");
        }
        if (WritableFolder.Problem(Path.GetDirectoryName(target)!, create: false) is { } problem)
            throw Refused(path, option, $"its folder cannot be written ({problem})");
        return target;
    }

    /// <summary>Writes what <paramref name="write"/> puts in a stream to <paramref name="path"/>, checked first, replacing it only once the whole file is written.</summary>
    /// <exception cref="UserInputException">The path is refused (<see cref="Check"/>), or the write failed (a full disk); nothing was replaced.</exception>
    public static void Write(string path, string option, Action<Stream> write)
    {
        var target = Check(path, option);
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
                write(stream);
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Refused(path, option, $"writing it failed ({e.Message.TrimEnd('.')})", "nothing was replaced");
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, as <see cref="Write(string, string, Action{Stream})"/> does.</summary>
    public static void Write(string path, string option, byte[] bytes) => Write(path, option, stream => stream.Write(bytes));

    private static UserInputException Refused(string path, string option, string why, string outcome = "nothing was written") =>
        new($"{option} {TerminalText.Quote(path, 300)}: {why}. Name a regular file in a folder you can write to; {outcome}.");
}
