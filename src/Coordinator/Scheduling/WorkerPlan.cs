namespace Coordinator.Scheduling;

/// <summary>How many worker processes a sweep runs, and libtorch threads for each.</summary>
public sealed record WorkerPlan(int Workers, int ThreadsPerWorker, int GpuCount)
{
    /// <summary>
    /// One worker per GPU; on the CPU one single-threaded worker per core, which measured
    /// fastest on 2 cores (BENCHMARKS.md: bench/run.sh workers).
    /// </summary>
    public static WorkerPlan Default(int? workers, int? threads, int gpuCount)
    {
        var cores = Environment.ProcessorCount;
        var count = workers ?? (gpuCount > 0 ? gpuCount : cores);
        return new WorkerPlan(count, threads ?? Math.Max(1, cores / count), gpuCount);
    }
}
