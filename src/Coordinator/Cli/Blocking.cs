namespace Coordinator.Cli;

/// <summary>
/// Runs a command's asynchronous work to its end from a synchronous Execute. The work runs on the
/// thread pool, so a caller's synchronization context (a test runner's, say) cannot deadlock it.
/// </summary>
internal static class Blocking
{
    /// <summary>Runs <paramref name="work"/> and returns its result.</summary>
    public static T Run<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();
}
