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
        // The toy networks take 1-D samples and the image networks images: each pairs only with
        // its own data. The problem names both options, since neither is wrong alone.
        if ((options.Arch == Architectures.Toy) != (options.Dataset == DatasetCatalog.Gaussian) && Architectures.Names.Contains(options.Arch) && DatasetCatalog.Names.Contains(options.Dataset))
            problems.Add($"arch {TrainerOption.Quote(options.Arch)} with dataset {TrainerOption.Quote(options.Dataset)}: arch toy trains on dataset gaussian, and the image architectures on mnist or fashion-mnist.");
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
