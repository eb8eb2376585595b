using TorchSharp;

namespace Coordinator.Commands;

/// <summary>Sets up libtorch for a process that trains.</summary>
internal static class TorchRuntime
{
    /// <summary>Sets the intra-op thread count (a worker trains with its share of the cores).</summary>
    public static void Start(int threads) => torch.set_num_threads(threads);
}
