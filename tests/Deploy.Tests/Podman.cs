using System.Diagnostics;

/// <summary>
/// podman, as the image tests run it: as root, with runc and this folder's containers.conf, which
/// CI's sandbox needs (no systemd, no raised ulimits).
/// </summary>
internal static class Podman
{
    /// <summary>The containers.conf that podman and the scripts that call it use (CONTAINERS_CONF).</summary>
    public static string Settings { get; } = Repository.Path("tests", "Deploy.Tests", "containers.conf");

    /// <summary>Why images cannot be built and run here, or null if they can.</summary>
    public static string? Missing =>
        Environment.UserName != "root" ? "the image tests need root (podman's rootful storage and network namespaces)"
        : new[] { "podman", "runc", "mmdebstrap" }.FirstOrDefault(p => !OnPath(p)) is { } tool ? $"{tool} is not installed: run ./setup.sh"
        : null;

    /// <summary>A start of `podman ARGUMENTS`, its output redirected.</summary>
    public static ProcessStartInfo Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["CONTAINERS_CONF"] = Settings;
        foreach (var argument in new[] { "--runtime", "runc" }.Concat(arguments))
            start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>Runs `podman ARGUMENTS` to its end.</summary>
    public static (int exitCode, string output, string error) Run(params string[] arguments)
    {
        using var process = Process.Start(Start(arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs `podman ARGUMENTS`, failing with its output unless it exits 0; returns standard output.</summary>
    public static string Check(params string[] arguments)
    {
        var (exitCode, output, error) = Run(arguments);
        return exitCode == 0 ? output : throw new InvalidOperationException($"podman {string.Join(' ', arguments)} exited with {exitCode}:\n{error}\n{output}");
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, program)));
}
