using Torch;

namespace Coordinator.Commands;

/// <summary>Start-up for commands that train: libtorch's thread count, and the warning if the slow reference BLAS is loaded.</summary>
internal static class TorchRuntime
{
    /// <summary>Sets the threads and warns on <paramref name="error"/> about a reference BLAS.</summary>
    public static void Start(int threads, TextWriter error)
    {
        torch.set_num_threads(threads);
        if (BlasCheck.Warning() is { } warning)
            error.WriteLine($"warning: {warning}");
    }
}
