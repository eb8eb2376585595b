using System.CommandLine;

namespace Coordinator.Commands;

/// <summary>The local worker processes that <c>sweep run</c> and <c>sweep resume</c> train on: how many, and their threads; null where the default holds.</summary>
/// <param name="Workers">Worker processes.</param>
/// <param name="Threads">libtorch threads per worker.</param>
public sealed record LocalWorkers(int? Workers, int? Threads)
{
    /// <summary>The problems with these counts, each naming the option, the value and the rule.</summary>
    public IEnumerable<string> Problems() => WorkerPlanSettings.Validate(Workers, Threads);
}

/// <summary>The <c>--workers</c> and <c>--threads</c> options, bound to <see cref="LocalWorkers"/>.</summary>
internal sealed class LocalWorkerOptions
{
    private readonly Option<int?> workers = new("--workers") { Description = "Worker processes (default: one per GPU; on the CPU one per core)." };
    private readonly Option<int?> threads = new("--threads") { Description = "libtorch threads per worker (default: cores / workers)." };

    /// <summary>Both options, in the order <c>--help</c> lists them.</summary>
    public IEnumerable<Symbol> Symbols => [workers, threads];

    /// <summary>The counts a parse gives.</summary>
    public LocalWorkers Bind(ParseResult parse) => new(parse.GetValue(workers), parse.GetValue(threads));
}
