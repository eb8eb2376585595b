using Gan.Core.Data;

public class DatasetCatalogTests
{
    [Fact]
    public void Mnist_defaults_to_the_shipped_digits_with_a_balanced_held_out_split()
    {
        var mnist = DatasetCatalog.Load(DatasetCatalog.Mnist);

        Assert.Equal(8000, mnist.Train.Count);
        Assert.Equal(2000, mnist.HeldOut.Count);
        var counts = mnist.HeldOut.Labels!.Take(1000).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 60, 140));
    }

    [Fact]
    public void Held_out_images_are_not_in_the_training_set()
    {
        var mnist = DatasetCatalog.Load(DatasetCatalog.Mnist);
        var train = Enumerable.Range(0, mnist.Train.Count).Select(i => Convert.ToBase64String(mnist.Train.Image(i))).ToHashSet();

        var shared = Enumerable.Range(0, mnist.HeldOut.Count).Count(i => train.Contains(Convert.ToBase64String(mnist.HeldOut.Image(i))));

        Assert.Equal(0, shared);
    }

    [Fact]
    public void Fashion_mnist_loads_the_full_debian_set()
    {
        var fashion = DatasetCatalog.Load(DatasetCatalog.FashionMnist);

        Assert.Equal(60000, fashion.Train.Count);
        Assert.Equal(10000, fashion.HeldOut.Count);
    }

    [Fact]
    public void Load_reads_standard_files_from_a_data_directory()
    {
        using var folder = new TempDirectory();
        var pixels = new byte[3 * 28 * 28];
        pixels[0] = 255;
        foreach (var split in new[] { "train", "t10k" })
        {
            IdxFile.Write(folder.File($"{split}-images-idx3-ubyte"), new IdxArray([3, 28, 28], pixels));
            IdxFile.Write(folder.File($"{split}-labels-idx1-ubyte.gz"), new IdxArray([3], [0, 1, 2]));
        }

        var dataset = DatasetCatalog.Load(DatasetCatalog.Mnist, folder.Path);

        Assert.Equal(3, dataset.Train.Count);
        Assert.Equal(new byte[] { 0, 1, 2 }, dataset.HeldOut.Labels);
    }

    [Fact]
    public void Load_throws_for_an_unknown_dataset()
    {
        var error = Assert.Throws<GanException>(() => DatasetCatalog.Load("cifar10"));

        Assert.Equal(GanErrorCode.UnknownName, error.Code);
        Assert.Contains("mnist, fashion-mnist", error.Message);
    }

    [Fact]
    public void Load_throws_naming_the_missing_file()
    {
        using var folder = new TempDirectory();

        var error = Assert.Throws<GanException>(() => DatasetCatalog.Load(DatasetCatalog.Mnist, folder.Path));

        Assert.Equal(GanErrorCode.MissingFile, error.Code);
        Assert.Contains(folder.File("train-images-idx3-ubyte"), error.Message);
    }
}
