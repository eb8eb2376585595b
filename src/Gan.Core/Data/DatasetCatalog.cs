using Gan.Core.Models;

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

    /// <summary>Coloured shapes on noisy backgrounds, ten classes, drawn from a fixed seed (<see cref="ShapesDataset"/>).</summary>
    public const string Shapes = "shapes";

    /// <summary>A folder of the user's images (<see cref="ImageFolder"/>), named by data_dir.</summary>
    public const string Images = "images";

    /// <summary>The side of a folder's images unless image_size says otherwise: the DCGAN paper's.</summary>
    public const int DefaultFolderSide = 64;

    /// <summary>Every dataset name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Mnist, FashionMnist, Gaussian, Shapes, Images];

    /// <summary>The datasets stored as IDX files, 28×28 and grey.</summary>
    public static IReadOnlyList<string> IdxNames { get; } = [Mnist, FashionMnist];

    /// <summary>The datasets of images (all but the toy lab's).</summary>
    public static IReadOnlyList<string> ImageNames { get; } = [Mnist, FashionMnist, Shapes, Images];

    /// <summary>Where the shipped digits are, beside the program.</summary>
    public static string ShippedMnistDirectory => Path.Combine(AppContext.BaseDirectory, "data", "mnist");

    /// <summary>Where Debian's dataset-fashion-mnist package puts its files.</summary>
    public const string DebianFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The side of a dataset's images when image_size is not given; null for the toy lab's values.</summary>
    public static int? NativeSide(string name) => name switch
    {
        Gaussian => null,
        Shapes => ShapesDataset.DefaultSide,
        Images => DefaultFolderSide,
        _ => 28,
    };

    // The side an image dataset's images are brought to: image_size, else the dataset's own.
    private static int Side(DatasetSpec spec) => spec.ImageSize ?? NativeSide(spec.Name)!.Value;

    /// <summary>
    /// The shape of a dataset's samples. It is known without loading the data, except for a
    /// folder whose channels are not given: then the folder's prepared images or its files' headers say.
    /// </summary>
    /// <exception cref="GanException">The spec's folder is missing or holds no images.</exception>
    public static SampleShape ShapeOf(DatasetSpec spec, string cacheDirectory)
    {
        if (spec.Name == Gaussian)
            return SampleShape.Value;
        var side = Side(spec);
        return spec.Name switch
        {
            Images => ImageFolder.ShapeOf(spec.DataDir ?? "", side, spec.Channels, cacheDirectory),
            Shapes => new SampleShape(spec.Channels ?? ShapesDataset.Channels, side, side),
            _ => new SampleShape(spec.Channels ?? 1, side, side),
        };
    }

    /// <summary>Loads an image dataset at the spec's shape; a folder is prepared into <paramref name="cacheDirectory"/> the first time.</summary>
    /// <exception cref="GanException">Unknown name, missing or corrupt files, or an image folder that cannot be used.</exception>
    public static Dataset Load(DatasetSpec spec, string cacheDirectory, Action<string>? log = null, CancellationToken cancellation = default) => spec.Name switch
    {
        Shapes => ShapesDataset.Generate(Side(spec), spec.Channels ?? ShapesDataset.Channels),
        Images => ImageFolder.Load(Images, spec.DataDir ?? throw new GanException(GanErrorCode.InvalidOption, "dataset images needs data_dir, the folder of images."),
            Side(spec), spec.Channels, cacheDirectory, log, cancellation),
        _ => Load(spec.Name, spec.DataDir),
    };

    /// <summary>Loads an IDX dataset; <paramref name="dataDirectory"/>, if given, holds its standard IDX files.</summary>
    /// <exception cref="GanException">Unknown name, or missing or corrupt files.</exception>
    public static Dataset Load(string name, string? dataDirectory = null)
    {
        if (!IdxNames.Contains(name))
            throw new GanException(GanErrorCode.UnknownName, $"Unknown image dataset '{name}': use one of {string.Join(", ", ImageNames)}.");
        var directory = dataDirectory ?? (name == Mnist ? ShippedMnistDirectory : DebianFashionMnistDirectory);
        if (!Directory.Exists(directory))
            throw new GanException(GanErrorCode.MissingFile,
                $"{directory}: no such directory for dataset '{name}'." + (name == FashionMnist ? " Run ./setup.sh (it installs dataset-fashion-mnist)." : ""));
        return new Dataset(name, LoadSplit(directory, "train"), LoadSplit(directory, "t10k"), name);
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
