namespace Gan.Core.Data;

/// <summary>Finds and loads datasets by name.</summary>
public static class DatasetCatalog
{
    /// <summary>MNIST: the standard IDX files from a data directory, or else the 10,000 digits shipped with sweep.</summary>
    public const string Mnist = "mnist";

    /// <summary>Fashion-MNIST: from a data directory, or else Debian's dataset-fashion-mnist.</summary>
    public const string FashionMnist = "fashion-mnist";

    /// <summary>The toy lab's 1-D samples from N(data_mean, data_std²), made in memory (no files).</summary>
    public const string Gaussian = "gaussian";

    /// <summary>Every dataset name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Mnist, FashionMnist, Gaussian];

    /// <summary>The image datasets, which load from IDX files.</summary>
    public static IReadOnlyList<string> ImageNames { get; } = [Mnist, FashionMnist];

    /// <summary>The shape of a named dataset's samples, known without loading it.</summary>
    public static Models.SampleShape ShapeOf(string name) => name == Gaussian ? Models.SampleShape.Value : Models.SampleShape.Grey28;

    /// <summary>Where the shipped digits are, beside the program.</summary>
    public static string ShippedMnistDirectory => Path.Combine(AppContext.BaseDirectory, "data", "mnist");

    /// <summary>Where Debian's dataset-fashion-mnist package puts its files.</summary>
    public const string DebianFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Loads a dataset; <paramref name="dataDirectory"/>, if given, holds its standard IDX files.</summary>
    /// <exception cref="GanException">Unknown name, or missing or corrupt files.</exception>
    public static Dataset Load(string name, string? dataDirectory = null)
    {
        if (!ImageNames.Contains(name))
            throw new GanException(GanErrorCode.UnknownName, $"Unknown image dataset '{name}': use one of {string.Join(", ", ImageNames)}.");
        var directory = dataDirectory ?? (name == Mnist ? ShippedMnistDirectory : DebianFashionMnistDirectory);
        if (!Directory.Exists(directory))
            throw new GanException(GanErrorCode.MissingFile,
                $"{directory}: no such directory for dataset '{name}'." + (name == FashionMnist ? " Run ./setup.sh (it installs dataset-fashion-mnist)." : ""));
        return new Dataset(name, LoadSplit(directory, "train"), LoadSplit(directory, "t10k"));
    }

    private static ImageSet LoadSplit(string directory, string prefix)
    {
        var images = Find(directory, $"{prefix}-images-idx3-ubyte");
        var labels = Find(directory, $"{prefix}-labels-idx1-ubyte");
        return new ImageSet(IdxFile.Read(images), IdxFile.Read(labels), images);
    }

    private static string Find(string directory, string stem)
    {
        foreach (var candidate in new[] { stem + ".gz", stem })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path))
                return path;
        }
        throw new GanException(GanErrorCode.MissingFile, $"{Path.Combine(directory, stem)}[.gz]: no such file.");
    }
}
