using Gan.Core.Data;
using Gan.Core.Evaluation;
using static TorchSharp.torch;

namespace Gan.Core.Training;

/// <summary>Datasets, classifiers and evaluators, loaded once per process and shared by its trials.</summary>
/// <param name="classifierCache">The folder classifiers are cached in.</param>
/// <param name="log">Told of classifier training.</param>
/// <param name="cancellation">Stops a classifier's training (or the wait for another process's).</param>
public sealed class EvaluationResources(string classifierCache, Action<string>? log = null, CancellationToken cancellation = default) : IDisposable
{
    private readonly Dictionary<(string, string?), Dataset> datasets = [];
    // Keyed by the device's name: TorchSharp's Device compares by reference.
    private readonly Dictionary<(string, string?, string), Classifier> classifiers = [];
    private readonly Dictionary<(string, string?, string, int), Evaluator> evaluators = [];

    /// <summary>What a trial trains on: the toy lab's gaussian data, or its dataset's training images.</summary>
    /// <exception cref="GanException">Unknown name, or missing or corrupt files.</exception>
    public ITrainingSet TrainingSet(TrainerOptions options) =>
        options.Dataset == DatasetCatalog.Gaussian
            ? new GaussianSet(options.DataMean, options.DataStd)
            : Dataset(options.Dataset, options.DataDir).Train;

    /// <summary>How many samples a quick score draws: enough to rank trials and see collapse, few enough to take every few epochs.</summary>
    public const int QuickSamples = 500;

    /// <summary>What scores a trial's final generator: its dataset's classifier and FID, or the toy lab's density.</summary>
    public IGeneratorEvaluation EvaluatorFor(TrainerOptions options, Device device) =>
        options.Dataset == DatasetCatalog.Gaussian
            ? new ToyLabEvaluation(new GaussianSet(options.DataMean, options.DataStd), device)
            : Evaluator(options.Dataset, options.DataDir, device, options.EvalSamples);

    /// <summary>What scores a trial's generator at epoch ends (<see cref="QuickSamples"/> samples): none for the toy lab.</summary>
    public Evaluator? QuickEvaluatorFor(TrainerOptions options, Device device) =>
        options.Dataset == DatasetCatalog.Gaussian ? null : Evaluator(options.Dataset, options.DataDir, device, QuickSamples);

    /// <summary>The dataset, loaded on first use.</summary>
    public Dataset Dataset(string name, string? dataDir)
    {
        if (!datasets.TryGetValue((name, dataDir), out var dataset))
            datasets[(name, dataDir)] = dataset = DatasetCatalog.Load(name, dataDir);
        return dataset;
    }

    /// <summary>The dataset's classifier on <paramref name="device"/>, loaded from the cache or trained on first use.</summary>
    public Classifier Classifier(string name, string? dataDir, Device device)
    {
        var key = (name, dataDir, device.ToString());
        if (!classifiers.TryGetValue(key, out var classifier))
            classifiers[key] = classifier = Gan.Core.Evaluation.Classifier.LoadOrTrain(Dataset(name, dataDir), classifierCache, device, log, cancellation);
        return classifier;
    }

    /// <summary>An evaluator scoring <paramref name="samples"/> samples against the dataset's held-out images.</summary>
    public Evaluator Evaluator(string name, string? dataDir, Device device, int samples)
    {
        var key = (name, dataDir, device.ToString(), samples);
        if (!evaluators.TryGetValue(key, out var evaluator))
            evaluators[key] = evaluator = new Evaluator(Classifier(name, dataDir, device), Dataset(name, dataDir).HeldOut, samples, device);
        return evaluator;
    }

    /// <summary>Frees the evaluators and classifiers.</summary>
    public void Dispose()
    {
        foreach (var evaluator in evaluators.Values)
            evaluator.Dispose();
        foreach (var classifier in classifiers.Values)
            classifier.Dispose();
    }
}
