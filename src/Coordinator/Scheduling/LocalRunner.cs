using System.Diagnostics;
using Coordinator.Store;

namespace Coordinator.Scheduling;

/// <summary>
/// Runs a sweep's queued trials on this machine: one `sweep worker` process per worker, each
/// claiming trials from the store. Separate processes keep each trial's random state its own
/// and contain crashes. Cancellation forwards Ctrl-C to the workers, which checkpoint.
/// </summary>
public sealed class LocalRunner(string databasePath, string sweep, WorkerPlan plan, ProgressView progress, TextWriter error)
{
    /// <summary>Runs until the workers finish; true if it ran to the end, false if interrupted.</summary>
    public bool Run(CancellationToken cancellation)
    {
        var workers = Enumerable.Range(0, plan.Workers).Select(Start).ToList();
        var interrupted = false;
        using var store = SqliteSweepStore.Open(databasePath);
        while (workers.Any(w => !w.HasExited))
        {
            if (cancellation.IsCancellationRequested && !interrupted)
            {
                interrupted = true;
                foreach (var worker in workers.Where(w => !w.HasExited))
                    Signals.Interrupt(worker.Id);
            }
            progress.Update(store.Trials(sweep));
            workers.First(w => !w.HasExited).WaitForExit(TimeSpan.FromSeconds(1));
        }
        progress.Update(store.Trials(sweep));
        progress.Finish();
        foreach (var worker in workers.Where(w => w.ExitCode is not (0 or 130)))
            error.WriteLine($"warning: worker process {worker.Id} exited with code {worker.ExitCode}; 'sweep resume {sweep}' retries its trial.");
        foreach (var worker in workers)
            worker.Dispose();
        return !interrupted;
    }

    private Process Start(int index)
    {
        var start = new ProcessStartInfo(DotnetHost()) { UseShellExecute = false };
        foreach (var argument in new[] { typeof(LocalRunner).Assembly.Location, "worker", sweep, "--db", databasePath, "--threads", plan.ThreadsPerWorker.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        if (plan.GpuCount > 0)
        {
            start.ArgumentList.Add("--device");
            start.ArgumentList.Add($"cuda:{index % plan.GpuCount}");
        }
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start a worker process.");
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
}
