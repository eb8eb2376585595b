namespace Coordinator.Cli;

/// <summary>Checks, before any work, that a folder can take files: a missing or read-only one fails now, not after an hour.</summary>
internal static class WritableFolder
{
    /// <summary>Creates <paramref name="folder"/> if asked, and writes and deletes a probe file in it; the reason it cannot, or null.</summary>
    public static string? Problem(string folder, bool create)
    {
        try
        {
            if (create)
                Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".sweep-write-check-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message.TrimEnd('.');
        }
    }
}
