using System.Text.Json;
using Gan.Core.Data;
using TorchSharp;
using static TorchSharp.torch;

using Gan.Core.Runtime;

namespace Gan.Core.Evaluation;

/// <summary>
/// A dataset's trained classifier and its held-out accuracy. It is trained once per dataset
/// and cached on disk, so that every trial of every sweep is scored by the same network. An
/// unlabelled dataset's network is trained to tell how each image was turned (by 0, 90, 180 or
/// 270 degrees; Gidaris et al. 2018): a task the images themselves label, whose features must
/// see the shapes and their parts, which is what FID compares.
/// </summary>
public sealed class Classifier : IDisposable
{
    /// <summary>Accuracy each dataset's classifier must reach on its held-out split; training stops a little past it.</summary>
    public static double RequiredAccuracy(string dataset) => dataset switch
    {
        DatasetCatalog.FashionMnist => 0.88,
        DatasetCatalog.Mnist => 0.97,
        _ => 0.985,
    };

    /// <summary>The classes an unlabelled dataset's network tells apart: quarter turns.</summary>
    public const int Rotations = 4;

    // 3: images of any shape (the 7×7 pooling moved the dense layer); the v2 files of 28×28 only are left alone.
    private const int Version = 3;
    private const int BatchSize = 64;
    private const int Seed = 20240601;
    // Bounds the training of a large folder's classifier: 5,000 batches are 320,000 images.
    private const int MaxBatches = 5_000;

    private Classifier(ClassifierNetwork network, double accuracy, bool labelled)
    {
        Network = network;
        HeldOutAccuracy = accuracy;
        Labelled = labelled;
    }

    /// <summary>Whether the network names the dataset's classes; if not, it tells rotations, and only its features are used.</summary>
    public bool Labelled { get; }

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
        var path = Path.Combine(cacheDirectory, $"{dataset.CacheKey}-classifier-v{Version}-{dataset.Train.Count}.pt");
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
        var network = NewNetwork(dataset);
        try
        {
            var accuracy = JsonSerializer.Deserialize<CacheMetadata>(File.ReadAllText(metadataPath))!.HeldOutAccuracy;
            network.load(path, strict: true);
            network.to(device).eval();
            return new Classifier(network, accuracy, dataset.Labelled);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidDataException or EndOfStreamException or IOException or NullReferenceException)
        {
            network.Dispose();
            log?.Invoke($"The cached classifier {path} is unreadable ({e.Message}); training a new one.");
            return null;
        }
    }

    /// <summary>Trains a classifier from scratch with Adam until it reaches the required accuracy (or runs out of epochs, or of 5,000 batches).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired; it is checked at every batch.</exception>
    public static Classifier Train(Dataset dataset, Device device, Action<string>? log = null, int maxEpochs = 12, CancellationToken cancellation = default)
    {
        ClassifierNetwork network;
        // Layer initialisation draws from the default generator: seed it for a reproducible
        // classifier, then give the caller its random state back.
        using (var callerState = random.get_rng_state())
        {
            manual_seed(Seed);
            network = NewNetwork(dataset);
            random.set_rng_state(callerState);
        }
        try
        {
            network.to(device);
            using var adam = optim.Adam(network.parameters(), 1e-3);
            // The sampler serves indices; the images are gathered from them, so a mapped folder is never loaded whole.
            using var sampler = new BatchSampler(dataset.Train.Count, index => index.clone(), BatchSize, Seed);
            var accuracy = 0.0;
            var batches = 0;
            for (var epoch = 1; epoch <= maxEpochs && batches < MaxBatches; epoch++)
            {
                network.train();
                for (var b = 0; b < sampler.BatchesPerEpoch && batches < MaxBatches; b++, batches++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    using var step = NewDisposeScope();
                    var indices = sampler.Next();
                    var (images, labels) = Task(dataset.Train, indices, device);
                    adam.zero_grad();
                    nn.functional.cross_entropy(network.forward(images), labels).backward();
                    adam.step();
                }
                network.eval();
                accuracy = Accuracy(network, dataset.HeldOut, device);
                log?.Invoke($"  epoch {epoch}: held-out {(dataset.Labelled ? "" : "rotation ")}accuracy {accuracy:P2}");
                if (accuracy >= RequiredAccuracy(dataset.Name) + 0.005)
                    break;
            }
            return new Classifier(network, accuracy, dataset.Labelled);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>The fraction of <paramref name="set"/> that <paramref name="network"/> labels correctly (for an unlabelled set, whose rotation it tells).</summary>
    public static double Accuracy(ClassifierNetwork network, ImageSet set, Device device)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long correct = 0, total = 0;
        for (var start = 0L; start < set.Count; start += 500)
        {
            var (images, labels) = Task(set, arange(start, Math.Min(start + 500, set.Count), dtype: int64), device);
            correct += network.forward(images).argmax(1).eq(labels).to(int64).sum().item<long>();
            total += labels.shape[0];
        }
        return (double)correct / total;
    }

    private static ClassifierNetwork NewNetwork(Dataset dataset) =>
        new(dataset.Labelled ? dataset.Classes : Rotations, dataset.Train.Shape.Channels);

    // What the network learns from the images at indices: their classes, or for an unlabelled set
    // each image four times, turned by 0, 90, 180 and 270 degrees, labelled by the turn.
    private static (Tensor Images, Tensor Labels) Task(ImageSet set, Tensor indices, Device device)
    {
        var images = set.Gather(indices, device);
        if (set.Labels is { } labels)
            return (images, tensor(indices.data<long>().Select(i => (long)labels[i]).ToArray(), device: device));
        var turned = cat(Enumerable.Range(0, Rotations).Select(k => images.rot90(k, (2, 3))).ToList());
        var turns = arange(Rotations, dtype: int64, device: device).repeat_interleave(images.shape[0]);
        return (turned, turns);
    }

    /// <summary>Frees the network.</summary>
    public void Dispose() => Network.Dispose();

    private sealed record CacheMetadata(double HeldOutAccuracy, int TrainedOn);
}
