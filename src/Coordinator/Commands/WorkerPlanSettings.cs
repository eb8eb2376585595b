namespace Coordinator.Commands;

/// <summary>The --workers and --threads rules that run and resume share.</summary>
internal static class WorkerPlanSettings
{
    /// <summary>The problems with the given counts, each naming the option, the value and the rule.</summary>
    public static IEnumerable<string> Validate(int? workers, int? threads)
    {
        if (workers is < 1)
            yield return $"workers = {workers}: must be at least 1.";
        if (threads is < 1)
            yield return $"threads = {threads}: must be at least 1.";
    }
}
