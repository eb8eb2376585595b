using Coordinator.Cli;
using Silo.Slots;

namespace Coordinator.Commands;

/// <summary>The rules for counts of workers (slots, for a silo) and their threads that run, resume, silo, worker and train share.</summary>
internal static class WorkerPlanSettings
{
    /// <summary>The problems with the given counts, each naming the option, the value and the rule.</summary>
    public static IEnumerable<string> Validate(int? workers, int? threads, string workersOption = "workers")
    {
        if (workers is < 1)
            yield return $"{workersOption} = {workers}: must be at least 1.";
        if (threads is { } count && ThreadsProblem(count) is { } problem)
            yield return problem;
    }

    /// <summary>Why <paramref name="threads"/> is refused, or null.</summary>
    public static string? ThreadsProblem(int threads) =>
        !WorkerPlan.AllowsThreads(threads)
            ? $"threads = {threads}: must be from 1 to {WorkerPlan.MaxThreads}, this machine's cores (more threads than cores only take turns on them)."
            : null;

    /// <summary>Refuses more workers (or slots) than this machine, with <paramref name="gpus"/> GPUs, runs usefully.</summary>
    /// <exception cref="UserInputException">The count is over <see cref="WorkerPlan.MaxWorkers"/>.</exception>
    public static void CheckCount(int? workers, int gpus, string workersOption = "workers")
    {
        var most = WorkerPlan.MaxWorkers(gpus);
        if (workers > most)
            throw new UserInputException(
                $"{workersOption} = {workers}: at most {most} on this machine ({(gpus > 0 ? $"{WorkerPlan.WorkersPerGpu} per GPU" : "one per core")}, " +
                $"and {WorkerPlan.BytesPerWorker >> 20} MB of memory each).");
    }
}
