using Gan.Core.Data;
using Gan.Core.Evaluation;
using SkiaSharp;
using static TorchSharp.torch;

/// <summary>A folder's own quality scores: a classifier for a labelled folder, a rotation network for an unlabelled one.</summary>
public sealed class FolderClassifierTests : IDisposable
{
    private readonly TempDirectory images = new();
    private readonly TempDirectory cache = new();

    public void Dispose()
    {
        images.Dispose();
        cache.Dispose();
    }

    // Squares of one hue at random places on noise: the class is the hue.
    private void Draw(string relative, SKColor colour, Random random)
    {
        var path = Path.Combine(images.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(new SKImageInfo(20, 20, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < 20; y++)
            for (var x = 0; x < 20; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(60), (byte)random.Next(60), (byte)random.Next(60)));
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = colour })
            canvas.DrawRect(random.Next(0, 8), random.Next(0, 8), 10, 10, paint);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    [Fact]
    public void A_labelled_folder_trains_its_own_classifier_cached_by_content_and_scores_its_classes()
    {
        var random = new Random(3);
        for (var i = 0; i < 150; i++)
        {
            Draw($"red/{i}.png", new SKColor(230, 30, 30), random);
            Draw($"blue/{i}.png", new SKColor(30, 30, 230), random);
        }
        using var dataset = ImageFolder.Load("images", images.Path, 16, null, cache.Path);

        using var classifier = Classifier.LoadOrTrain(dataset, cache.Path, CPU);
        using var cached = Classifier.LoadOrTrain(dataset, cache.Path, CPU);
        using var evaluator = new Evaluator(classifier, dataset.HeldOut, 30, CPU);
        using var real = dataset.HeldOut.ToTensor(CPU);
        var report = evaluator.Evaluate(real);

        Assert.True(classifier.Labelled);
        Assert.InRange(classifier.HeldOutAccuracy, 0.95, 1);
        Assert.Equal(classifier.HeldOutAccuracy, cached.HeldOutAccuracy);
        Assert.Single(Directory.EnumerateFiles(cache.Path, $"{dataset.CacheKey}-classifier-*.pt"));
        Assert.Equal(2, report.ClassCounts.Length);
        Assert.Equal(2, report.Coverage);
    }

    [Fact]
    public void An_unlabelled_folder_is_scored_in_a_rotation_networks_features_without_class_scores()
    {
        var random = new Random(4);
        for (var i = 0; i < 200; i++)
            Draw($"{i}.png", new SKColor(230, 200, 30), random);
        using var dataset = ImageFolder.Load("images", images.Path, 16, null, cache.Path);

        using var classifier = Classifier.LoadOrTrain(dataset, cache.Path, CPU);
        using var evaluator = new Evaluator(classifier, dataset.HeldOut, 20, CPU);
        using var real = dataset.HeldOut.ToTensor(CPU);
        using var noise = rand_like(real) * 2.0 - 1.0;
        var realScores = evaluator.Score(real);
        var noiseScores = evaluator.Score(noise);

        Assert.False(classifier.Labelled);
        Assert.Empty(realScores.Report.ClassCounts);
        Assert.False(realScores.Report.ModeCollapse);
        Assert.True(noiseScores.Report.Fid > 10 * Math.Max(realScores.Report.Fid, 1e-3), $"noise {noiseScores.Report.Fid}, real {realScores.Report.Fid}");
        // The held-out images against themselves: every one inside the others' balls.
        Assert.Equal(1.0, realScores.Neighbourhood.Precision);
        Assert.Equal(1.0, realScores.Neighbourhood.Recall);
        Assert.InRange(noiseScores.Neighbourhood.Recall, 0, 0.5);
    }
}
