using Coordinator.Cli;
using Silo.Stores;
using SkiaSharp;

/// <summary>Image folders through the real program: two processes preparing one folder, and a folder sweep run refuses.</summary>
public sealed class ImageFolderRunTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweep-folder-" + Guid.NewGuid().ToString("N"));

    public ImageFolderRunTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Images(string name, int count, int side)
    {
        var images = Path.Combine(folder, name);
        Directory.CreateDirectory(images);
        for (var i = 0; i < count; i++)
        {
            using var bitmap = new SKBitmap(side, side);
            bitmap.Erase(new SKColor((byte)(i * 7), (byte)(255 - i * 3), 90));
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(images, $"{i:D4}.png"), data.ToArray());
        }
        return images;
    }

    [Fact]
    public void Two_trainer_processes_started_together_on_one_folder_prepare_it_once()
    {
        var images = Images("photos", 3000, 40);
        var cache = Path.Combine(folder, "cache");
        string[] Train(string output) => ["train", "--dataset", "images", "--data-dir", images, "--image-size", "32", "--arch", "mlp", "--steps", "2", "--no-eval", "-o", Path.Combine(folder, output)];

        using var first = SweepProcess.StartWithCache(cache, Train("one"));
        using var second = SweepProcess.StartWithCache(cache, Train("two"));
        first.WaitForExit();
        second.WaitForExit();

        Assert.True(first.Process.ExitCode == ExitCodes.Ok, first.Output + first.Error);
        Assert.True(second.Process.ExitCode == ExitCodes.Ok, second.Output + second.Error);
        var outputs = first.Output + second.Output + first.Error + second.Error;
        Assert.Equal(1, outputs.Split('\n').Count(l => l.StartsWith("Prepared 3,000 images", StringComparison.Ordinal)));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(cache, "images"), "*.train.u8"));
    }

    [Fact]
    public void A_sweep_on_a_missing_folder_or_one_with_a_too_small_image_stops_before_anything_is_stored()
    {
        var small = Images("small", 20, 24);
        var database = Path.Combine(folder, "sweeps.db");
        var sweep = Path.Combine(folder, "folder.yaml");
        string Run(string dataDir)
        {
            File.WriteAllText(sweep, $"name: folder\nbase: {{dataset: images, data_dir: '{dataDir}', image_size: 32, arch: mlp, steps: 2}}\nparameters:\n  lr: {{values: [0.001]}}\n");
            var (exitCode, output, error) = Cli.Run("run", sweep, "--db", database);
            Assert.True(exitCode == ExitCodes.BadInput, output + error);
            return error;
        }

        var missing = Run(Path.Combine(folder, "nowhere"));
        var tooSmall = Run(small);

        Assert.Contains("nowhere: no such folder", missing);
        Assert.Contains("are smaller than image_size 32", tooSmall);
        Assert.Contains("Set image_size to at most 24", tooSmall);
        Assert.True(!File.Exists(database) || SweepStoreFactory.OpenReadOnly(StoreLocation.Parse(database)).FindSweep("folder") is null);
    }
}
