using static TorchSharp.torch;
using TorchSharp;
using Gan.Core.Data;
using Gan.Core.Evaluation;

[Collection(ClassifierCollection.Name)]
public class ClassifierTests(ClassifierFixture fixture)
{
    [Fact]
    public void Mnist_classifier_reaches_97_percent_on_the_held_out_digits()
    {
        var measured = Classifier.Accuracy(fixture.MnistClassifier.Network, fixture.Mnist.HeldOut, CPU);

        Assert.True(measured >= 0.97, $"held-out accuracy {measured:P2}");
        Assert.Equal(fixture.MnistClassifier.HeldOutAccuracy, measured, 10);
    }

    [Fact]
    public void Fashion_mnist_classifier_reaches_88_percent()
    {
        var fashion = DatasetCatalog.Load(DatasetCatalog.FashionMnist);
        using var classifier = Classifier.LoadOrTrain(fashion, ClassifierFixture.CacheDirectory, CPU);

        Assert.True(classifier.HeldOutAccuracy >= 0.88, $"held-out accuracy {classifier.HeldOutAccuracy:P2}");
    }

    [Fact]
    public void LoadOrTrain_stops_when_cancelled_and_caches_nothing()
    {
        using var folder = new TempDirectory();

        Assert.Throws<OperationCanceledException>(() => Classifier.LoadOrTrain(fixture.Mnist, folder.Path, CPU, cancellation: new CancellationToken(canceled: true)));

        Assert.DoesNotContain(Directory.GetFiles(folder.Path), f => !f.EndsWith(".lock", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadOrTrain_reuses_the_cached_network()
    {
        using var cached = Classifier.LoadOrTrain(fixture.Mnist, ClassifierFixture.CacheDirectory, CPU);
        using var images = fixture.Mnist.HeldOut.ToTensor(CPU, 50);
        using var expected = fixture.MnistClassifier.Network.forward(images);
        using var actual = cached.Network.forward(images);

        Assert.Equal(fixture.MnistClassifier.HeldOutAccuracy, cached.HeldOutAccuracy);
        Assert.Equal(expected.data<float>(), actual.data<float>());
    }

    [Fact]
    public void LoadOrTrain_retrains_when_the_cache_is_corrupt()
    {
        using var folder = new TempDirectory();
        var small = Subset(fixture.Mnist, 640);
        var log = new List<string>();
        using (Classifier.LoadOrTrain(small, folder.Path, CPU))
        {
        }
        var cacheFile = Directory.GetFiles(folder.Path, "*.pt").Single();
        File.WriteAllText(cacheFile, "not a network");

        using var retrained = Classifier.LoadOrTrain(small, folder.Path, CPU, log.Add);

        Assert.Contains(log, line => line.Contains("unreadable"));
        Assert.InRange(retrained.HeldOutAccuracy, 0.5, 1);
    }

    [Fact]
    public void Training_the_classifier_leaves_the_default_random_state_alone()
    {
        var small = Subset(fixture.Mnist, 128);
        torch.manual_seed(5);
        using var before = torch.rand([4]);
        torch.manual_seed(5);
        using (Classifier.Train(small, CPU, maxEpochs: 1))
        {
        }
        using var after = torch.rand([4]);

        Assert.Equal(before.data<float>(), after.data<float>());
    }

    private static Dataset Subset(Dataset dataset, int count)
    {
        var pixels = Enumerable.Range(0, count).SelectMany(dataset.Train.Image).ToArray();
        var train = new ImageSet(new IdxArray([count, 28, 28], pixels), new IdxArray([count], dataset.Train.Labels![..count]), "subset");
        return dataset with { Train = train };
    }
}
