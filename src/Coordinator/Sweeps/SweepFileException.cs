namespace Coordinator.Sweeps;

/// <summary>One problem in a sweep file, with where it is.</summary>
public sealed record SweepProblem(string Path, SourceLocation? Location, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        Location is { } at ? $"{Path}:{at.Line}:{at.Column}: {Message}" : $"{Path}: {Message}";
}

/// <summary>A sweep file that cannot be run; it carries every problem found, each with its location.</summary>
public sealed class SweepFileException(IReadOnlyList<SweepProblem> problems)
    : Exception(Describe(problems))
{
    /// <summary>How many problems the message lists; the rest are counted, since they are usually one mistake repeated.</summary>
    public const int MaxListed = 20;

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<SweepProblem> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<SweepProblem> problems) =>
        string.Join(Environment.NewLine, problems.Take(MaxListed)) +
        (problems.Count > MaxListed ? $"{Environment.NewLine}… and {problems.Count - MaxListed} more problems; fix these first." : "");

    internal static SweepFileException At(string path, SourceLocation? location, string message) => new([new SweepProblem(path, location, message)]);
}
