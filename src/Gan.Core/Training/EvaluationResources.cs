using Gan.Core.Data;
using Gan.Core.Evaluation;
using static TorchSharp.torch;

namespace Gan.Core.Training;

/// <summary>Datasets, classifiers and evaluators, loaded once per process and shared by its trials.</summary>
/// <param name="cacheDirectory">The folder classifiers and prepared image folders are cached in.</param>
/// <param name="log">Told of classifier training and folder preparation.</param>
/// <param name="cancellation">Stops a classifier's training or a folder's preparation (or the wait for another process's).</param>
public sealed class EvaluationResources(string cacheDirectory, Action<string>? log = null, CancellationToken cancellation = default) : IDisposable
{
    private readonly Dictionary<DatasetSpec, Dataset> datasets = [];
    // Keyed by the device's name: TorchSharp's Device compares by reference.
    private readonly Dictionary<(DatasetSpec, string), Classifier> classifiers = [];
    private readonly Dictionary<(DatasetSpec, string, int), Evaluator> evaluators = [];

    /// <summary>What a trial trains on: the toy lab's gaussian data, or its dataset's training images.</summary>
    /// <exception cref="GanException">Unknown name, missing or corrupt files, or a folder that cannot be used.</exception>
    public ITrainingSet TrainingSet(TrainerOptions options) =>
        options.Dataset == DatasetCatalog.Gaussian
            ? new GaussianSet(options.DataMean, options.DataStd)
            : Dataset(options.DatasetSpec).Train;

    /// <summary>How many samples a quick score draws: enough to rank trials and see collapse, few enough to take every few epochs.</summary>
    public const int QuickSamples = 500;

    /// <summary>What scores a trial's final generator: its dataset's classifier, FID and neighbourhood scores, or the toy lab's density.</summary>
    public IGeneratorEvaluation EvaluatorFor(TrainerOptions options, Device device) =>
        options.Dataset == DatasetCatalog.Gaussian
            ? new ToyLabEvaluation(new GaussianSet(options.DataMean, options.DataStd), device)
            : new ImageEvaluation(Evaluator(options.DatasetSpec, device, options.EvalSamples));

    /// <summary>What scores a trial's generator at epoch ends (<see cref="QuickSamples"/> samples): none for the toy lab.</summary>
    public Evaluator? QuickEvaluatorFor(TrainerOptions options, Device device) =>
        options.Dataset == DatasetCatalog.Gaussian ? null : Evaluator(options.DatasetSpec, device, QuickSamples);

    /// <summary>The dataset, loaded (and for a folder, prepared) on first use.</summary>
    public Dataset Dataset(DatasetSpec spec)
    {
        if (!datasets.TryGetValue(spec, out var dataset))
            datasets[spec] = dataset = DatasetCatalog.Load(spec, cacheDirectory, log, cancellation);
        return dataset;
    }

    /// <summary>The dataset's classifier on <paramref name="device"/>, loaded from the cache or trained on first use.</summary>
    public Classifier Classifier(DatasetSpec spec, Device device)
    {
        var key = (spec, device.ToString());
        if (!classifiers.TryGetValue(key, out var classifier))
            classifiers[key] = classifier = Gan.Core.Evaluation.Classifier.LoadOrTrain(Dataset(spec), cacheDirectory, device, log, cancellation);
        return classifier;
    }

    /// <summary>An evaluator scoring <paramref name="samples"/> samples against the dataset's held-out images.</summary>
    public Evaluator Evaluator(DatasetSpec spec, Device device, int samples)
    {
        var key = (spec, device.ToString(), samples);
        if (!evaluators.TryGetValue(key, out var evaluator))
            evaluators[key] = evaluator = new Evaluator(Classifier(spec, device), Dataset(spec).HeldOut, samples, device);
        return evaluator;
    }

    /// <summary>Frees the evaluators, the classifiers and the datasets' mappings.</summary>
    public void Dispose()
    {
        foreach (var evaluator in evaluators.Values)
            evaluator.Dispose();
        foreach (var classifier in classifiers.Values)
            classifier.Dispose();
        foreach (var dataset in datasets.Values)
            dataset.Dispose();
    }
}
