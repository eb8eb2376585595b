using System.Diagnostics;
using System.Globalization;
using Silo.Stores;
using Gan.Core.Runtime;

namespace Silo.Scheduling;

/// <summary>
/// Runs a sweep's queued trials on this machine: up to one `sweep worker` process per slot of
/// the plan, each claiming trials from the store. Separate processes keep each trial's random
/// state its own and contain crashes. The runner owns its workers: when one dies, its trial goes
/// back to the queue at once (to resume from its checkpoint) and a new worker takes the slot.
/// Cancellation forwards Ctrl-C to the workers, which checkpoint.
/// </summary>
/// <param name="sweepAssembly">The `sweep` assembly, whose `worker` command each worker process runs.</param>
/// <param name="location">The store the workers claim trials from.</param>
/// <param name="sweep">The sweep whose trials run.</param>
/// <param name="plan">How many workers, with how many threads and which GPUs.</param>
/// <param name="progress">Shown the trials as they change.</param>
/// <param name="error">Where warnings about dead workers go.</param>
public sealed class LocalRunner(string sweepAssembly, StoreLocation location, string sweep, WorkerPlan plan, ISweepProgress progress, TextWriter error)
{
    /// <summary>How many times a trial is claimed before a worker dying under it fails it, rather than retrying forever.</summary>
    public const int MaxAttempts = 3;

    // Workers that die in a row without holding a trial fail at start-up; starting more would loop.
    private const int MaxStartupFailures = 3;

    /// <summary>Runs until no trial is left to start and every worker has exited; true if it ran to the end, false if interrupted.</summary>
    public bool Run(CancellationToken cancellation)
    {
        using var store = SweepStoreFactory.Open(location);
        var slots = new Process?[plan.Workers];
        var interrupted = false;
        var startupFailures = 0;
        while (true)
        {
            for (var slot = 0; slot < slots.Length; slot++)
            {
                if (slots[slot] is not { HasExited: true } exited)
                    continue;
                var released = Reap(store, exited);
                startupFailures = released == 0 && exited.ExitCode is not (0 or 130) ? startupFailures + 1 : 0;
                exited.Dispose();
                slots[slot] = null;
            }
            if (cancellation.IsCancellationRequested && !interrupted)
            {
                interrupted = true;
                foreach (var worker in slots.OfType<Process>())
                    Signals.Interrupt(worker.Id);
            }
            var trials = store.Trials(sweep);
            if (!interrupted && startupFailures < MaxStartupFailures)
                StartWorkers(slots, trials.Count(t => t.Status == TrialStates.Queued));
            else if (startupFailures == MaxStartupFailures && slots.All(s => s is null))
                error.WriteLine($"error: {MaxStartupFailures} worker processes in a row failed before taking a trial (see above); the queued trials wait for 'sweep resume {sweep}'.");
            progress.Update(trials);
            if (slots.OfType<Process>().FirstOrDefault() is not { } live)
                break;
            live.WaitForExit(TimeSpan.FromSeconds(1));
        }
        progress.Update(store.Trials(sweep));
        progress.Finish();
        return !interrupted;
    }

    /// <summary>Fills free slots, never starting more workers than there are queued trials.</summary>
    private void StartWorkers(Process?[] slots, int queued)
    {
        var wanted = queued - slots.Count(s => s is not null);
        for (var slot = 0; slot < slots.Length && wanted > 0; slot++)
        {
            if (slots[slot] is not null)
                continue;
            slots[slot] = Start(slot);
            wanted--;
        }
    }

    /// <summary>Hands back the trials an exited worker still held; returns how many.</summary>
    private int Reap(ISweepStore store, Process worker)
    {
        var id = LocalWorkerId.Of(worker.Id);
        var how = Describe(worker.ExitCode);
        var held = store.Trials(sweep).Where(t => t.Status == TrialStates.Running && t.Worker == id).ToList();
        foreach (var trial in held)
        {
            var reason = $"its worker process died {MaxAttempts} times (last: {how}); 'sweep resume {sweep} --failed' tries again";
            store.Release(trial.Claim!, MaxAttempts, reason);
            error.WriteLine(trial.Attempts >= MaxAttempts
                ? $"warning: worker process {worker.Id} {how}; trial {trial.Id} failed, its worker having died {MaxAttempts} times."
                : $"warning: worker process {worker.Id} {how}; trial {trial.Id} goes back to the queue and resumes from its checkpoint.");
        }
        if (held.Count == 0 && worker.ExitCode is not (0 or 130))
            error.WriteLine($"warning: worker process {worker.Id} {how} before taking a trial.");
        return held.Count;
    }

    // .NET reports a process killed by signal N as exit code 128 + N.
    private static string Describe(int exitCode) =>
        exitCode > 128 ? $"was killed by signal {exitCode - 128}" : $"exited with code {exitCode}";

    private Process Start(int slot)
    {
        var start = new ProcessStartInfo(DotnetHost()) { UseShellExecute = false }.Protect();
        // Through the environment, not the command line, where `ps` would show a URL's password.
        start.Environment["SWEEP_STORE"] = location.Text;
        foreach (var argument in new[]
                 {
                     sweepAssembly, "worker", sweep,
                     "--threads", plan.ThreadsPerWorker.ToString(CultureInfo.InvariantCulture),
                     "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                 })
            start.ArgumentList.Add(argument);
        if (plan.GpuCount > 0)
        {
            start.ArgumentList.Add("--device");
            start.ArgumentList.Add($"cuda:{slot % plan.GpuCount}");
        }
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start a worker process.");
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
}
