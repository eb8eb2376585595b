using Coordinator;
using System.Diagnostics;
using System.Text;
using Coordinator.Cli;

/// <summary>Runs the real `sweep` program in a child process, as a user would.</summary>
internal static class SweepProcess
{
    /// <summary>Shares the classifier cache with the Gan.Core tests, so it is trained once per machine.</summary>
    public static readonly string ClassifierCache = Path.Combine(Path.GetTempPath(), "sweep-test-classifiers");

    /// <summary>Only a hang takes this long: waits end on events, and fail as soon as the process exits early.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(15);

    public static RunningSweep Start(params string[] args) => StartWithCache(ClassifierCache, args);

    /// <summary>Starts sweep with its classifiers cached in <paramref name="cache"/> rather than the shared test cache.</summary>
    public static RunningSweep StartWithCache(string cache, params string[] args) => StartWith(new Dictionary<string, string> { ["SWEEP_CACHE"] = cache }, args);

    /// <summary>Starts sweep with <paramref name="environment"/> added to this process's environment (and the shared classifier cache, unless it names another).</summary>
    public static RunningSweep StartWith(IReadOnlyDictionary<string, string> environment, params string[] args)
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
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return new RunningSweep(Process.Start(start)!, string.Join(" ", args));
    }

    public static (int exitCode, string output, string error) Run(params string[] args)
    {
        using var sweep = Start(args);
        sweep.WaitForExit();
        return (sweep.Process.ExitCode, sweep.Output, sweep.Error);
    }

    /// <summary>Sends a signal (INT, TERM, KILL, STOP) to a process, as kill(1) does.</summary>
    public static void Signal(int processId, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits until <paramref name="condition"/> holds; <paramref name="failed"/>, when it returns a text, ends the wait at once with it.</summary>
    public static void WaitUntil(Func<bool> condition, string what, Func<string?>? failed = null)
    {
        var deadline = DateTime.UtcNow + HangGuard;
        while (!Holds(condition))
        {
            if (failed?.Invoke() is { } reason && !Holds(condition))
                throw new Xunit.Sdk.XunitException($"{reason} before {what}.");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No {what} in {HangGuard}.");
            Thread.Sleep(200);
        }
    }

    // The store may be mid-creation or briefly locked while the condition reads it.
    private static bool Holds(Func<bool> condition)
    {
        try
        {
            return condition();
        }
        catch (Silo.Stores.StoreException)
        {
            return false;
        }
    }

    /// <summary>Whether a trainer process with this id still runs.</summary>
    public static bool WorkerAlive(int processId)
    {
        try
        {
            return Silo.Grains.SlotWorkerId.IsTrainer(File.ReadAllText($"/proc/{processId}/cmdline"));
        }
        catch (IOException)
        {
            return false;
        }
    }
}

/// <summary>A `sweep` process whose output is gathered as it comes.</summary>
internal sealed class RunningSweep : IDisposable
{
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();
    private readonly string command;

    public RunningSweep(Process process, string command)
    {
        Process = process;
        this.command = command;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    public string Error
    {
        get
        {
            lock (error)
                return error.ToString();
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails at once, with the output, if the process exits first.</summary>
    public void WaitFor(Func<bool> condition, string what) =>
        SweepProcess.WaitUntil(condition, what, () => Process.HasExited ? $"sweep {command} exited with {Process.ExitCode}\n{Output}\n{Error}\n" : null);

    public void WaitForExit()
    {
        if (!Process.WaitForExit(SweepProcess.HangGuard))
        {
            Process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sweep {command} hung for {SweepProcess.HangGuard}.\n{Output}\n{Error}");
        }
        Process.WaitForExit();
    }

    public void Dispose()
    {
        if (!Process.HasExited)
            Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
            return;
        lock (text)
            text.AppendLine(line);
    }
}
