using System.Diagnostics;
using System.Globalization;
using Gan.Core.Runtime;
using Silo.Grains;
using Silo.Stores;

namespace Silo.Slots;

/// <summary>
/// One slot's trainer: a <see cref="TrainerMain"/> process, fed claims on its standard input
/// (<see cref="TrainerProtocol"/>). A process of its own keeps each trial's random state its own
/// and contains crashes; it lives across trials, so a trial starts without a process start.
/// </summary>
public sealed class TrainerProcess : IDisposable
{
    private readonly Process process;
    private readonly Lock gate = new();
    private SlotAssignment? assignment;
    private string? outcome;
    // The last step reported, when, and the speed between the last two reports.
    private (long Step, DateTime At)? lastStep;
    private double stepsPerSecond;
    private string? says;

    private TrainerProcess(Process process, Action changed, TextWriter log)
    {
        this.process = process;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
                return;
            if (TrainerProtocol.ParseEnded(line.Data) is { } ended)
            {
                lock (gate)
                {
                    if (assignment?.Claim.TrialId == ended.TrialId)
                        outcome = ended.Outcome;
                }
                changed();
            }
            else if (TrainerProtocol.ParseStep(line.Data) is { } step)
            {
                Stepped(step.TrialId, step.Step);
            }
            else
            {
                log.WriteLine(line.Data);
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null)
                return;
            log.WriteLine(line.Data);
            if (line.Data.StartsWith(TrainerMain.SaysPrefix, StringComparison.Ordinal))
            {
                lock (gate)
                    says ??= line.Data[TrainerMain.SaysPrefix.Length..];
            }
        };
        process.Exited += (_, _) => changed();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The process id.</summary>
    public int Id => process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The exit code, once exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>How it ended, once exited: its exit code or signal, and the reason it gave on standard error, if any.</summary>
    public string Ending
    {
        get
        {
            // Waits for the end of its standard error too, so the reason it gave has been read.
            process.WaitForExit();
            // .NET reports a process killed by signal N as exit code 128 + N.
            var how = ExitCode > 128 ? $"was killed by signal {ExitCode - 128}" : $"exited with code {ExitCode}";
            lock (gate)
                return says is null ? how : $"{how}: {says}";
        }
    }

    /// <summary>The trial it trains (its claim and sweep), until the trial's end is reported.</summary>
    public SlotAssignment? Assignment
    {
        get
        {
            lock (gate)
                return assignment;
        }
    }

    /// <summary>The claim it trains under, until the trial's end is reported.</summary>
    public TrialClaim? Claim => Assignment?.Claim;

    /// <summary>Its trial's training steps per second between the last two steps it reported; 0 without a trial.</summary>
    public double StepsPerSecond
    {
        get
        {
            lock (gate)
                return assignment is null ? 0 : stepsPerSecond;
        }
    }

    /// <summary>Starts a trainer for <paramref name="location"/>'s trials.</summary>
    /// <param name="location">The store.</param>
    /// <param name="threads">libtorch threads.</param>
    /// <param name="device">Its device for trials whose device is auto.</param>
    /// <param name="changed">Called from another thread when a trial ends or the process exits.</param>
    /// <param name="log">Where the trainer's log lines and standard error go.</param>
    public static TrainerProcess Start(StoreLocation location, int threads, string device, Action changed, TextWriter log)
    {
        var start = new ProcessStartInfo(DotnetHost()) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true }.Protect();
        // Through the environment, not the command line, where `ps` would show a URL's password.
        start.Environment["SWEEP_STORE"] = location.Text;
        start.Environment["SWEEP_ARTIFACTS"] = location.Artifacts;
        foreach (var argument in new[]
                 {
                     typeof(TrainerMain).Assembly.Location, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--device", device,
                     "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                 })
            start.ArgumentList.Add(argument);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        if (!process.Start())
            throw new InvalidOperationException("Could not start a trainer process.");
        return new TrainerProcess(process, changed, log);
    }

    /// <summary>Has the trainer train the trial of <paramref name="assigned"/>, under its claim.</summary>
    public void Train(SlotAssignment assigned)
    {
        lock (gate)
        {
            assignment = assigned;
            outcome = null;
            lastStep = null;
            stepsPerSecond = 0;
        }
        Send(TrainerProtocol.TrainLine(assigned.Claim));
    }

    /// <summary>The trial whose end the trainer reported since the last call, and how it ended, if any; the slot is free after it.</summary>
    public (SlotAssignment Assignment, string Outcome)? TakeEnded()
    {
        lock (gate)
        {
            if (outcome is not { } how || assignment is not { } done)
                return null;
            assignment = null;
            outcome = null;
            return (done, how);
        }
    }

    private void Stepped(long trialId, long step)
    {
        var now = DateTime.UtcNow;
        lock (gate)
        {
            if (assignment?.Claim.TrialId != trialId)
                return;
            if (lastStep is { } last && now > last.At && step >= last.Step)
                stepsPerSecond = (step - last.Step) / (now - last.At).TotalSeconds;
            lastStep = (step, now);
        }
    }

    /// <summary>Stops its trial as interrupted.</summary>
    public void Interrupt() => Send(TrainerProtocol.Interrupt);

    /// <summary>Stops its trial, queues it again, and has the process exit.</summary>
    public void HandBack() => Send(TrainerProtocol.HandBack);

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit; true if it did.</summary>
    public bool WaitForExit(TimeSpan timeout) => process.WaitForExit(timeout);

    /// <summary>Ends the process at once.</summary>
    public void Kill() => process.Kill();

    private void Send(string line)
    {
        try
        {
            process.StandardInput.WriteLine(line);
            process.StandardInput.Flush();
        }
        catch (IOException)
        {
            // The process is gone; its exit is handled where exits are.
        }
    }

    /// <inheritdoc />
    public void Dispose() => process.Dispose();

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
}
