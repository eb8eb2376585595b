namespace Silo.Slots;

/// <summary>How many worker processes a sweep runs, and libtorch threads for each.</summary>
public sealed record WorkerPlan(int Workers, int ThreadsPerWorker, int GpuCount)
{
    /// <summary>Memory set aside per worker process when bounding the count (an MLP worker uses about 200 MB).</summary>
    public const long BytesPerWorker = 512L << 20;

    /// <summary>Workers that may share one GPU: small models leave most of a GPU idle.</summary>
    public const int WorkersPerGpu = 4;

    /// <summary>The most libtorch threads a worker may use: this machine's cores, since more only take turns on them.</summary>
    public static int MaxThreads => Environment.ProcessorCount;

    /// <summary>Whether a worker may use <paramref name="threads"/> libtorch threads: from 1 to <see cref="MaxThreads"/>.</summary>
    public static bool AllowsThreads(int threads) => threads >= 1 && threads <= MaxThreads;

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

    /// <summary>
    /// The most workers this machine runs usefully: one per core on the CPU (more only share the
    /// cores), a few per GPU, and never more than its memory holds.
    /// </summary>
    public static int MaxWorkers(int gpuCount)
    {
        var byDevices = gpuCount > 0 ? gpuCount * WorkersPerGpu : Environment.ProcessorCount;
        var byMemory = (int)Math.Max(1, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / BytesPerWorker);
        return Math.Min(byDevices, byMemory);
    }
}
