namespace Gan.Core.Training;

/// <summary>The name of each <see cref="HealthFlags"/> flag, as tables, JSON and reports show it.</summary>
public static class HealthFlagNames
{
    /// <summary>Each flag with its name, in the order they are listed.</summary>
    public static IReadOnlyList<(HealthFlags Flag, string Name)> All { get; } =
    [
        (HealthFlags.Diverged, "diverged"),
        (HealthFlags.DOverpowers, "d_overpowers"),
        (HealthFlags.ModeCollapse, "mode_collapse"),
    ];

    /// <summary>The name of one flag.</summary>
    public static string Of(HealthFlags flag) => All.First(f => f.Flag == flag).Name;

    /// <summary>The names of the flags set in <paramref name="flags"/>.</summary>
    public static IEnumerable<string> In(HealthFlags flags) => All.Where(f => flags.HasFlag(f.Flag)).Select(f => f.Name);
}
