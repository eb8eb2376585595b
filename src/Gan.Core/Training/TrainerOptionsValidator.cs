using Gan.Core.Data;
using Gan.Core.Evaluation;
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
        // The rules between options only where each option keeps its own: a value outside its rule says nothing about the dataset.
        var eachValid = problems.Count == 0;
        if (eachValid && DatasetCatalog.Names.Contains(options.Dataset) && DatasetProblem(options) is { } datasetProblem)
            problems.Add(datasetProblem);
        else if (eachValid && Architectures.Find(options.Arch) is { } arch && DatasetCatalog.Names.Contains(options.Dataset) && ShapeOf(options, problems) is { } shape && !arch.Supports(shape))
        {
            // An architecture learns samples of some shapes only, and the dataset decides the shape.
            // The problem names both options, since neither is wrong alone.
            problems.Add($"arch {TrainerOption.Quote(options.Arch)} with dataset {TrainerOption.Quote(options.Dataset)}: {arch.Name} learns {arch.SupportedShapes}, and {options.Dataset} holds {shape}; "
                         + $"for {options.Dataset} choose one of {string.Join(", ", Architectures.All.Where(a => a.Supports(shape)).Select(a => a.Name))}.");
        }
        if (options.Epochs is not null && options.Steps is not null)
            problems.Add($"epochs = {options.Epochs}: give epochs or steps, not both.");
        return problems;
    }

    // The dataset options that do not fit the dataset: a folder needs data_dir; the IDX sets are 28×28 grey, the toy lab's values have no shape.
    private static string? DatasetProblem(TrainerOptions options)
    {
        var (name, size, channels) = (options.Dataset, options.ImageSize, options.Channels);
        if (name == DatasetCatalog.Images && string.IsNullOrEmpty(options.DataDir))
            return "dataset 'images' needs data_dir, the folder of images.";
        if (name == DatasetCatalog.Gaussian && (size is not null || channels is not null))
            return $"{(size is not null ? $"image_size = {size}" : $"channels = {channels}")}: the gaussian dataset holds 1-D values, not images; remove it.";
        if (DatasetCatalog.IdxNames.Contains(name) && size is not (null or 28))
            return $"image_size = {size}: {name}'s images are 28×28; remove image_size, or use dataset 'images' for a folder at another size.";
        if (DatasetCatalog.IdxNames.Contains(name) && channels is not (null or 1))
            return $"channels = {channels}: {name}'s images are grey (1 channel); remove channels.";
        return null;
    }

    // A folder's shape may need the folder; where it is missing, that is the problem to report.
    private static SampleShape? ShapeOf(TrainerOptions options, List<string> problems)
    {
        try
        {
            return DatasetCatalog.ShapeOf(options.DatasetSpec, Classifier.DefaultCacheDirectory);
        }
        catch (GanException e)
        {
            problems.Add($"data_dir = {TrainerOption.Quote(options.DataDir)}: {e.Message}");
            return null;
        }
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
