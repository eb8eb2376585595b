namespace Gan.Core.Data;

/// <summary>Which dataset a trial trains on, and at what shape: the dataset options, together.</summary>
/// <param name="Name">The dataset option: mnist, fashion-mnist, gaussian, shapes or images.</param>
/// <param name="DataDir">The data_dir option: IDX files for mnist and fashion-mnist, the folder for images.</param>
/// <param name="ImageSize">The image_size option; null for the dataset's own.</param>
/// <param name="Channels">The channels option; null for the data's own.</param>
public sealed record DatasetSpec(string Name, string? DataDir = null, int? ImageSize = null, int? Channels = null);
