using static TorchSharp.torch;
using TorchSharp;
using Gan.Core.Data;
using Gan.Core.Evaluation;

/// <summary>The MNIST classifier, trained once for all evaluation tests (and cached between runs).</summary>
public sealed class ClassifierFixture : IDisposable
{
    public static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "sweep-test-classifiers");

    public Dataset Mnist { get; } = DatasetCatalog.Load(DatasetCatalog.Mnist);

    public Classifier MnistClassifier { get; }

    public ClassifierFixture() => MnistClassifier = Classifier.LoadOrTrain(Mnist, CacheDirectory, CPU);

    public void Dispose() => MnistClassifier.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ClassifierCollection : ICollectionFixture<ClassifierFixture>
{
    public const string Name = "classifier";
}
