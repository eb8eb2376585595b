using System.Text.Json;
using Gan.Core.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Gan.Core.Evaluation;

/// <summary>
/// A dataset's trained classifier and its held-out accuracy. It is trained once per dataset
/// and cached on disk, so that every trial of every sweep is scored by the same network.
/// </summary>
public sealed class Classifier : IDisposable
{
    /// <summary>Accuracy each dataset's classifier must reach on its held-out split.</summary>
    public static double RequiredAccuracy(string dataset) => dataset == DatasetCatalog.FashionMnist ? 0.88 : 0.97;

    // 2: TorchSharp's format, from when sweep moved to TorchSharp; the v1 files of the old binding are left alone.
    private const int Version = 2;
    private const int BatchSize = 64;

    private Classifier(ClassifierNetwork network, double accuracy)
    {
        Network = network;
        HeldOutAccuracy = accuracy;
    }

    /// <summary>The network, in evaluation mode.</summary>
    public ClassifierNetwork Network { get; }

    /// <summary>Accuracy on the dataset's held-out split.</summary>
    public double HeldOutAccuracy { get; }

    /// <summary>The default cache folder: $SWEEP_CACHE, else ~/.cache/sweep.</summary>
    public static string DefaultCacheDirectory =>
        Environment.GetEnvironmentVariable("SWEEP_CACHE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "sweep");

    /// <summary>
    /// Loads the dataset's cached classifier, or trains and caches one. Training draws only from
    /// its own generator, so it leaves the default random state alone.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired while it waited or trained; nothing was cached.</exception>
    public static Classifier LoadOrTrain(Dataset dataset, string cacheDirectory, Device device, Action<string>? log = null, CancellationToken cancellation = default)
    {
        var path = Path.Combine(cacheDirectory, $"{dataset.Name}-classifier-v{Version}-{dataset.Train.Count}.pt");
        if (TryLoad(dataset, path, device, log) is { } cached)
            return cached;
        Directory.CreateDirectory(cacheDirectory);
        // Sweeps start several processes at once, and test suites run side by side: one trains
        // while the others wait, then load what it saved.
        using var gate = CacheLock.Acquire(path + ".lock", () => log?.Invoke($"Waiting for another process to train the {dataset.Name} classifier..."), cancellation);
        if (TryLoad(dataset, path, device, log) is { } trainedMeanwhile)
            return trainedMeanwhile;
        log?.Invoke($"Training the {dataset.Name} classifier (once; cached in {cacheDirectory})...");
        var trained = Train(dataset, device, log, cancellation: cancellation);
        // Written whole, then renamed into place: a reader never sees half a network.
        trained.Network.save(path + ".tmp");
        File.Move(path + ".tmp", path, overwrite: true);
        // Written after the network, and by rename: a reader that sees the metadata sees a whole network.
        var metadata = path + ".json";
        File.WriteAllText(metadata + ".tmp", JsonSerializer.Serialize(new CacheMetadata(trained.HeldOutAccuracy, dataset.Train.Count)));
        File.Move(metadata + ".tmp", metadata, overwrite: true);
        return trained;
    }

    private static Classifier? TryLoad(Dataset dataset, string path, Device device, Action<string>? log)
    {
        var metadataPath = path + ".json";
        if (!File.Exists(path) || !File.Exists(metadataPath))
            return null;
        var network = new ClassifierNetwork(dataset.Classes);
        try
        {
            var accuracy = JsonSerializer.Deserialize<CacheMetadata>(File.ReadAllText(metadataPath))!.HeldOutAccuracy;
            network.load(path, strict: true);
            network.to(device).eval();
            return new Classifier(network, accuracy);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidDataException or EndOfStreamException or IOException)
        {
            network.Dispose();
            log?.Invoke($"The cached classifier {path} is unreadable ({e.Message}); training a new one.");
            return null;
        }
    }

    /// <summary>Trains a classifier from scratch with Adam until it reaches the required accuracy (or runs out of epochs).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired; it is checked at every batch.</exception>
    public static Classifier Train(Dataset dataset, Device device, Action<string>? log = null, int maxEpochs = 12, CancellationToken cancellation = default)
    {
        using var generator = new Generator(20240601, CPU);
        ClassifierNetwork network;
        // Layer initialisation draws from the default generator: seed it for a reproducible
        // classifier, then give the caller its random state back.
        using (var callerState = random.get_rng_state())
        {
            manual_seed(20240601);
            network = new ClassifierNetwork(dataset.Classes);
            random.set_rng_state(callerState);
        }
        try
        {
            network.to(device);
            using var images = dataset.Train.ToTensor(device);
            using var labels = dataset.Train.LabelsTensor(device);
            using var adam = optim.Adam(network.parameters(), 1e-3);
            var accuracy = 0.0;
            for (var epoch = 1; epoch <= maxEpochs; epoch++)
            {
                network.train();
                using (var order = randperm(dataset.Train.Count, generator: generator))
                using (var permutation = order.to(device))
                    for (var start = 0; start + BatchSize <= dataset.Train.Count; start += BatchSize)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        using var step = NewDisposeScope();
                        var index = permutation.narrow(0, start, BatchSize);
                        adam.zero_grad();
                        nn.functional.cross_entropy(network.forward(images.index_select(0, index)), labels.index_select(0, index)).backward();
                        adam.step();
                    }
                network.eval();
                accuracy = Accuracy(network, dataset.HeldOut, device);
                log?.Invoke($"  epoch {epoch}: held-out accuracy {accuracy:P2}");
                if (accuracy >= RequiredAccuracy(dataset.Name) + 0.005)
                    break;
            }
            return new Classifier(network, accuracy);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>The fraction of <paramref name="set"/> that <paramref name="network"/> labels correctly.</summary>
    public static double Accuracy(ClassifierNetwork network, ImageSet set, Device device)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var images = set.ToTensor(device);
        var labels = set.LabelsTensor(device);
        long correct = 0;
        for (var start = 0L; start < set.Count; start += 500)
        {
            var length = Math.Min(500, set.Count - start);
            var predicted = network.forward(images.narrow(0, start, length)).argmax(1);
            correct += predicted.eq(labels.narrow(0, start, length)).to(int64).sum().item<long>();
        }
        return (double)correct / set.Count;
    }

    /// <summary>Frees the network.</summary>
    public void Dispose() => Network.Dispose();

    private sealed record CacheMetadata(double HeldOutAccuracy, int TrainedOn);
}
