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
    : Exception(string.Join(Environment.NewLine, problems))
{
    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<SweepProblem> Problems { get; } = problems;

    internal static SweepFileException At(string path, SourceLocation? location, string message) => new([new SweepProblem(path, location, message)]);
}
