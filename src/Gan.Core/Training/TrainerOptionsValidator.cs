using Gan.Core.Data;
using Gan.Core.Models;

namespace Gan.Core.Training;

/// <summary>
/// Checks <see cref="TrainerOptions"/>: each option against its declared rule
/// (<see cref="TrainerOptionCatalog"/>), then the rules between options. Each problem names the
/// option, the value and the rule.
/// </summary>
public static class TrainerOptionsValidator
{
    /// <summary>Every problem with <paramref name="options"/>; empty when they are valid.</summary>
    public static IReadOnlyList<string> Validate(TrainerOptions options)
    {
        var problems = new List<string>();
        foreach (var option in TrainerOptionCatalog.List)
            if (option.ValueIn(options) is { } value && option.Statement(value) is { } problem)
                problems.Add(problem + ".");
        // An architecture learns samples of some shapes only, and the dataset decides the shape.
        // The problem names both options, since neither is wrong alone.
        if (Architectures.Find(options.Arch) is { } arch && DatasetCatalog.Names.Contains(options.Dataset)
            && !arch.Supports(DatasetCatalog.ShapeOf(options.Dataset)))
            problems.Add($"arch {TrainerOption.Quote(options.Arch)} with dataset {TrainerOption.Quote(options.Dataset)}: {arch.Name} learns {arch.SupportedShapes}, and {options.Dataset} holds {DatasetCatalog.ShapeOf(options.Dataset)}; "
                         + $"for {options.Dataset} choose one of {string.Join(", ", Architectures.All.Where(a => a.Supports(DatasetCatalog.ShapeOf(options.Dataset))).Select(a => a.Name))}.");
        if (options.Epochs is not null && options.Steps is not null)
            problems.Add($"epochs = {options.Epochs}: give epochs or steps, not both.");
        return problems;
    }

    /// <summary>Throws all the problems at once.</summary>
    /// <exception cref="GanException">The options are invalid.</exception>
    public static void ThrowIfInvalid(TrainerOptions options)
    {
        var problems = Validate(options);
        if (problems.Count > 0)
            throw new GanException(GanErrorCode.InvalidOption, string.Join(" ", problems));
    }
}
