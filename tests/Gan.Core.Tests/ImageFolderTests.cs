using Gan.Core;
using Gan.Core.Data;
using Gan.Core.Metrics;
using Gan.Core.Training;
using SkiaSharp;
using static TorchSharp.torch;

/// <summary>Image folders: decoding, shapes, labels, bad files, the prepared cache and training from it.</summary>
public sealed class ImageFolderTests : IDisposable
{
    private readonly TempDirectory images = new();
    private readonly TempDirectory cache = new();

    public void Dispose()
    {
        images.Dispose();
        cache.Dispose();
    }

    // A w×h image of one colour (alpha included) written in the format its name says.
    private string Write(string relative, int width, int height, SKColor colour, SKColorType type = SKColorType.Rgba8888)
    {
        var path = Path.Combine(images.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, type, SKAlphaType.Unpremul));
        bitmap.Erase(colour);
        var format = Path.GetExtension(path) switch { ".jpg" => SKEncodedImageFormat.Jpeg, ".webp" => SKEncodedImageFormat.Webp, _ => SKEncodedImageFormat.Png };
        using var data = bitmap.Encode(format, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    private Dataset Load(int side = 16, int? channels = null, List<string>? log = null) =>
        ImageFolder.Load("images", images.Path, side, channels, cache.Path, log is null ? null : log.Add);

    [Fact]
    public void A_mixed_folder_keeps_what_decodes_skips_and_names_the_rest_and_composites_alpha_on_black()
    {
        Write("red.png", 40, 20, new SKColor(255, 0, 0));
        Write("photo.jpg", 20, 30, new SKColor(0, 0, 255));
        Write("grey.png", 16, 16, new SKColor(128, 128, 128), SKColorType.Gray8);
        Write("half-transparent.png", 16, 16, new SKColor(0, 255, 0, 128));
        Write("web.webp", 24, 24, new SKColor(250, 250, 0));
        File.WriteAllBytes(images.File("corrupt.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]);
        File.WriteAllText(images.File("notes.txt"), "not an image");
        var whole = File.ReadAllBytes(Write("truncated.png", 64, 64, new SKColor(9, 9, 9)));
        File.WriteAllBytes(images.File("truncated.png"), whole[..(whole.Length / 2)]);
        var log = new List<string>();

        using var dataset = Load(log: log);

        var all = Enumerable.Range(0, dataset.Train.Count).Select(dataset.Train.Image).Concat(Enumerable.Range(0, dataset.HeldOut.Count).Select(dataset.HeldOut.Image)).ToList();
        Assert.Equal(new Gan.Core.Models.SampleShape(3, 16, 16), dataset.Train.Shape);
        Assert.Equal(5, all.Count);
        Assert.Null(dataset.Train.Labels);
        // In name order: grey, half-transparent, photo, red, web; planes R, G, B of 256 bytes each.
        Assert.Equal((byte)128, all[0][0]);
        Assert.Equal((byte)128, all[0][2 * 256]);
        Assert.InRange(all[1][256], (byte)126, (byte)130);
        Assert.Equal((byte)0, all[1][0]);
        Assert.InRange(all[2][2 * 256 + 100], (byte)250, (byte)255);
        Assert.Equal((byte)255, all[3][0]);
        Assert.InRange(all[4][256 + 100], (byte)245, (byte)255);
        Assert.InRange(all[4][2 * 256 + 100], (byte)0, (byte)8);
        var summary = Assert.Single(log, l => l.StartsWith("Prepared", StringComparison.Ordinal));
        Assert.Contains("3 files skipped", summary);
        Assert.Contains("corrupt.png (not an image SkiaSharp can decode)", summary);
        Assert.Contains("notes.txt (not an image SkiaSharp can decode)", summary);
        Assert.Contains("truncated.png (corrupt or truncated)", summary);
    }

    [Fact]
    public void One_channel_is_the_luma_of_colour_and_a_grey_folder_defaults_to_one_channel()
    {
        Write("a.png", 16, 16, new SKColor(255, 0, 0));
        using (var grey = Load(channels: 1))
            Assert.Equal((byte)76, grey.HeldOut.Count > 0 ? grey.HeldOut.Image(0)[0] : grey.Train.Image(0)[0]);
        File.Delete(images.File("a.png"));
        Write("b.png", 16, 16, new SKColor(7, 7, 7), SKColorType.Gray8);

        Assert.Equal(1, ImageFolder.ShapeOf(images.Path, 16, null, cache.Path).Channels);
    }

    [Fact]
    public void Subfolders_are_classes_in_name_order_and_files_nested_deeper_belong_to_their_top_folder()
    {
        for (var i = 0; i < 10; i++)
        {
            Write($"cats/{i}.png", 16, 16, new SKColor(200, 0, 0));
            Write($"dogs/deep/er/{i}.png", 16, 16, new SKColor(0, 200, 0));
        }

        using var dataset = Load();

        Assert.Equal(["cats", "dogs"], dataset.Train.ClassNames);
        Assert.Equal(18, dataset.Train.Count);
        Assert.Equal(2, dataset.HeldOut.Count);
        for (var i = 0; i < dataset.Train.Count; i++)
            Assert.Equal(dataset.Train.Labels![i] == 0 ? (byte)200 : (byte)0, dataset.Train.Image(i)[0]);
    }

    [Fact]
    public void A_missing_folder_an_empty_one_and_an_image_smaller_than_image_size_are_refused_by_name()
    {
        var missing = Assert.Throws<GanException>(() => ImageFolder.Load("images", images.File("nowhere"), 16, null, cache.Path));
        File.WriteAllText(images.File("readme.txt"), "no images here");
        var empty = Assert.Throws<GanException>(() => Load());
        Write("big.png", 64, 64, SKColors.White);
        Write("small.png", 40, 12, SKColors.White);
        var small = Assert.Throws<GanException>(() => Load(side: 32));

        Assert.Contains("nowhere: no such folder", missing.Message);
        Assert.Contains($"{images.Path}: no usable image among its 1 file", empty.Message);
        Assert.Contains("small.png, 40×12", small.Message);
        Assert.Contains("Set image_size to at most 12", small.Message);
        Assert.Empty(Directory.EnumerateFiles(ImageFolder.CacheFolder(cache.Path), "*.u8"));
    }

    [Fact]
    public void Changing_one_image_prepares_the_folder_again_and_an_unchanged_folder_is_not()
    {
        for (var i = 0; i < 3; i++)
            Write($"{i}.png", 16, 16, new SKColor(10, 10, 10));
        var log = new List<string>();
        using (Load(log: log))
        using (Load(log: log))
            Assert.Single(log, l => l.StartsWith("Prepared", StringComparison.Ordinal));

        Write("1.png", 16, 16, new SKColor(250, 250, 250));
        File.SetLastWriteTimeUtc(images.File("1.png"), DateTime.UtcNow.AddMinutes(1));
        using var changed = Load(log: log);

        Assert.Equal(2, log.Count(l => l.StartsWith("Prepared", StringComparison.Ordinal)));
        Assert.Equal((byte)250, changed.Train.Image(1)[0]);
    }

    [Fact]
    public void A_cache_entry_whose_pixels_were_deleted_or_cut_is_prepared_again()
    {
        for (var i = 0; i < 12; i++)
            Write($"{i}.png", 16, 16, new SKColor(30, 60, 90));
        var log = new List<string>();
        using (Load(log: log))
        {
        }
        var train = Directory.EnumerateFiles(ImageFolder.CacheFolder(cache.Path), "*.train.u8").Single();
        File.WriteAllBytes(train, new byte[10]);

        using var again = Load(log: log);

        Assert.Equal(2, log.Count(l => l.StartsWith("Prepared", StringComparison.Ordinal)));
        Assert.Equal((byte)30, again.Train.Image(10)[0]);
    }

    [Fact]
    public async Task Two_loads_at_once_prepare_the_folder_once_and_see_the_same_images()
    {
        for (var i = 0; i < 300; i++)
            Write($"{i:D3}.png", 48, 48, new SKColor((byte)i, 0, 0));
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var start = new Barrier(2);

        var loads = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return ImageFolder.Load("images", images.Path, 16, null, cache.Path, log.Enqueue);
        })).ToArray();
        var loaded = await Task.WhenAll(loads);

        Assert.Single(log, l => l.StartsWith("Prepared", StringComparison.Ordinal));
        Assert.Equal(loaded[0].Train.Image(123), loaded[1].Train.Image(123));
        foreach (var dataset in loaded)
            dataset.Dispose();
    }

    [Fact]
    public void A_trial_on_a_folder_resumes_exactly_from_its_checkpoint()
    {
        for (var i = 0; i < 60; i++)
            Write($"{i:D2}.png", 20, 20, new SKColor((byte)(4 * i), (byte)(255 - 4 * i), 60));
        using var dataset = Load(side: 16);
        var options = new TrainerOptions { Dataset = DatasetCatalog.Images, DataDir = images.Path, ImageSize = 16, Arch = "dcgan-small", Steps = 12, LogEvery = 2, BatchSize = 8, Device = "cpu" };
        var whole = new MemorySink();
        using (var trainer = new Trainer(options, dataset.Train, whole))
            trainer.Run();

        using var cancellation = new CancellationTokenSource();
        var first = new MemorySink();
        using (var trainer = new Trainer(options, dataset.Train, first, onRecord: r => { if (r.Step == 6) cancellation.Cancel(); }))
            trainer.Run(cancellation.Token);
        var second = new MemorySink();
        using (var trainer = new Trainer(options, dataset.Train, second))
            trainer.Run(resumeFrom: first.Artifacts.Last(a => a.Kind == ArtifactKind.Checkpoint).Bytes);

        Assert.Equal(Values(whole.Metrics.Where(r => r.Step > 6)), Values(second.Metrics));
        Assert.Equal(whole.Artifacts.Last(a => a.Kind == ArtifactKind.SampleGrid).Bytes, second.Artifacts.Last(a => a.Kind == ArtifactKind.SampleGrid).Bytes);
    }

    private static IEnumerable<(long, string, double)> Values(IEnumerable<MetricRecord> records) =>
        records.SelectMany(r => r.Values.Where(v => v.Key != MetricNames.StepsPerSecond).Select(v => (r.Step, v.Key, v.Value)));
}
