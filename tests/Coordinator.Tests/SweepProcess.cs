using System.Diagnostics;
using Coordinator.Cli;

/// <summary>Runs the real `sweep` program in a child process, as a user would.</summary>
internal static class SweepProcess
{
    /// <summary>Shares the classifier cache with the Gan.Core tests, so it is trained once per machine.</summary>
    public static readonly string ClassifierCache = Path.Combine(Path.GetTempPath(), "sweep-test-classifiers");

    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(SweepCli).Assembly.Location);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["SWEEP_CACHE"] = ClassifierCache;
        return Process.Start(start)!;
    }

    public static (int exitCode, string output, string error) Run(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sweep {string.Join(" ", args)} ran longer than {timeout}.");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    public static void Interrupt(Process process)
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
