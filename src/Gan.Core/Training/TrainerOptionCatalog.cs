using Gan.Core.Data;
using Gan.Core.Evaluation;
using Gan.Core.Models;

namespace Gan.Core.Training;

/// <summary>
/// Every trainer option, declared once. A new option is a property on <see cref="TrainerOptions"/>
/// (with its default) and one line here; the CLI, sweep files, validation and docs follow.
/// </summary>
public static partial class TrainerOptionCatalog
{
    /// <summary>The most G steps a trial may train: over a week at 100 steps/s, and far from any overflow.</summary>
    public const long MaxSteps = 100_000_000;

    /// <summary>The largest learning rate: far past divergence, yet finite in float32.</summary>
    public const double MaxLearningRate = 100;

    // Upper bounds a careful user never reaches; each keeps a typo from becoming a week of
    // training, an allocation that cannot succeed, or an arithmetic overflow.
    private const int MaxEpochs = 1_000_000;
    private const int MaxBatchSize = 65_536;
    private const int MaxLatentSize = 65_536;
    private const int MaxDSteps = 1_000;
    private const int MaxEvalSamples = 100_000;
    private const double MaxDataMean = 1e6;
    private const int MinImageSize = 8;
    private const int MaxImageSize = 512;
    private static readonly string LearningRateRule = $"must be greater than 0 and at most {MaxLearningRate}";

    /// <summary>The options in the order help and README list them.</summary>
    public static IReadOnlyList<TrainerOption> List { get; } =
    [
        TrainerOption.Choice("dataset", "mnist (the 10,000 shipped digits: 8,000 train, 2,000 held out; or the full set with --data-dir), fashion-mnist (Debian's 60k/10k), gaussian (the toy lab's 10,000 1-D samples), shapes (10,000 coloured shapes, 10 classes, drawn at first use) or images (your folder, --data-dir)",
            o => o.Dataset, (o, v) => o with { Dataset = v }, DatasetCatalog.Names),
        TrainerOption.Text("data_dir", "for images, the folder of images (one subfolder per class, or none); for mnist and fashion-mnist, a folder with the standard IDX files (train-images-idx3-ubyte[.gz], …)",
            o => o.DataDir, (o, v) => o with { DataDir = v }, _ => true, "")
            .DefaultsTo("the shipped digits / Debian's Fashion-MNIST"),
        TrainerOption.Whole("image_size", "the side images are brought to: the shorter side scaled, the centre cropped (never upscaled)",
            o => o.ImageSize, (o, v) => o with { ImageSize = (int)v }, MinImageSize, MaxImageSize)
            .DefaultsTo($"the dataset's: 28 for mnist, {ShapesDataset.DefaultSide} for shapes, {DatasetCatalog.DefaultFolderSide} for images"),
        TrainerOption.Whole("channels", "colour channels: 1 (grey, the luma of colour images) or 3 (grey images replicated; transparency on black)",
            o => o.Channels, (o, v) => o with { Channels = (int)v }, [1, 3])
            .DefaultsTo("the data's: 3 if any image is in colour"),
        TrainerOption.Real("data_mean", "the gaussian dataset's mean",
            o => o.DataMean, (o, v) => o with { DataMean = v }, v => double.IsFinite(v) && Math.Abs(v) <= MaxDataMean, $"must be from -{MaxDataMean} to {MaxDataMean}"),
        TrainerOption.Real("data_std", "the gaussian dataset's standard deviation",
            o => o.DataStd, (o, v) => o with { DataStd = v }, v => v is > 0 and <= MaxDataMean, $"must be greater than 0 and at most {MaxDataMean}"),
        TrainerOption.Choice("arch", "mlp (PyTorch tutorial: 784→256→256→1), mlp-128 (TensorFlow tutorial), dcgan (Keras tutorial at 28×28 grey, PyTorch's DCGAN tutorial at sides 16 to 256 and in colour; a GPU architecture), dcgan-small (the DCGAN at --width), toy (the toy lab's, for gaussian)",
            o => o.Arch, (o, v) => o with { Arch = v }, Architectures.Names),
        TrainerOption.Real("width", "dcgan-small's width multiplier",
            o => o.Width, (o, v) => o with { Width = v }, v => v is > 0 and <= 4, "must be in (0, 4]"),
        TrainerOption.Whole("latent_size", "length of G's input",
            o => o.LatentSize, (o, v) => o with { LatentSize = (int)v }, 1, MaxLatentSize)
            .DefaultsTo("64 for mlp, 1 for toy, else 100"),
        TrainerOption.Real("lr", "learning rate of both networks",
            o => o.Lr, (o, v) => o with { Lr = v }, LearningRate, LearningRateRule).ChangesWhileTraining(),
        TrainerOption.Real("lr_d", "D's learning rate",
            o => o.LrD, (o, v) => o with { LrD = v }, LearningRate, LearningRateRule).DefaultsTo("lr").ChangesWhileTraining(),
        TrainerOption.Real("lr_g", "G's learning rate",
            o => o.LrG, (o, v) => o with { LrG = v }, LearningRate, LearningRateRule).DefaultsTo("lr").ChangesWhileTraining(),
        TrainerOption.Choice("optimizer", "adam, rmsprop or sgd",
            o => o.Optimizer, (o, v) => o with { Optimizer = v }, Optimizers.Names),
        TrainerOption.Real("beta1", "Adam's β1",
            o => o.Beta1, (o, v) => o with { Beta1 = v }, v => v is >= 0 and < 1, "must be in [0, 1)").ChangesWhileTraining(),
        TrainerOption.Real("beta2", "Adam's β2",
            o => o.Beta2, (o, v) => o with { Beta2 = v }, v => v is >= 0 and < 1, "must be in [0, 1)").ChangesWhileTraining(),
        TrainerOption.Real("momentum", "momentum of rmsprop and sgd",
            o => o.Momentum, (o, v) => o with { Momentum = v }, v => v is >= 0 and < 1, "must be in [0, 1)").ChangesWhileTraining(),
        TrainerOption.Whole("batch_size", "images per batch",
            o => o.BatchSize, (o, v) => o with { BatchSize = (int)v }, 1, MaxBatchSize),
        TrainerOption.Whole("epochs", "epochs to train (one epoch sees every training image once in D's real batches)",
            o => o.Epochs, (o, v) => o with { Epochs = (int)v }, 1, MaxEpochs).DefaultsTo("5, unless steps is given"),
        TrainerOption.Whole("steps", "G steps to train, instead of epochs (a step is d_steps D updates and one G update)",
            o => o.Steps, (o, v) => o with { Steps = v }, 1, MaxSteps).DefaultsTo("from epochs"),
        TrainerOption.Whole("d_steps", "D updates per G update",
            o => o.DSteps, (o, v) => o with { DSteps = (int)v }, 1, MaxDSteps),
        TrainerOption.Real("label_smoothing", "one-sided: D's real targets are 1 − this (the TensorFlow tutorial uses 0.1)",
            o => o.LabelSmoothing, (o, v) => o with { LabelSmoothing = v }, v => v is >= 0 and < 0.5, "must be in [0, 0.5)").ChangesWhileTraining(),
        TrainerOption.Real("ema_decay", "samples, scores and exports use an exponential moving average of G's weights with this decay (0.999 is common; 0 uses G itself)",
            o => o.EmaDecay, (o, v) => o with { EmaDecay = v }, v => v is >= 0 and < 1, "must be in [0, 1)").ChangesWhileTraining(),
        TrainerOption.Whole("seed", "the seed of every random choice; the same seed and options on the CPU give bit-identical metrics",
            o => unchecked((long)o.Seed), (o, v) => o with { Seed = (ulong)v }, 0, long.MaxValue),
        TrainerOption.Text("device", "auto (the first GPU if there is one), cpu, cuda or cuda:N",
            o => o.Device, (o, v) => o with { Device = v }, IsDevice, "must be auto, cpu, cuda or cuda:N"),
        TrainerOption.Choice("precision", "fp32, or bf16: bfloat16 passes over float32 master weights (faster on CPUs with AVX512_BF16 and on recent GPUs; BENCHMARKS.md says what it costs in quality)",
            o => o.Precision, (o, v) => o with { Precision = v }, [TrainerOptions.PrecisionFp32, TrainerOptions.PrecisionBf16]),
        TrainerOption.Whole("log_every", "steps between metric records (one is also made at each epoch end)",
            o => o.LogEvery, (o, v) => o with { LogEvery = (int)v }, 1, MaxSteps),
        TrainerOption.Whole("eval_samples", "samples scored at the end (the same for every trial of a sweep; at most the held-out images: 2,000 for the shipped digits, 1,000 for shapes, a tenth of a folder)",
            o => o.EvalSamples, (o, v) => o with { EvalSamples = (int)v }, NeighbourhoodScores.K + 1, MaxEvalSamples),
        TrainerOption.Choice("evaluate", "which generator the final scores, the table and sweep generate use: best (the lowest quick FID) or last",
            o => o.Evaluate, (o, v) => o with { Evaluate = v }, [TrainerOptions.EvaluateBest, TrainerOptions.EvaluateLast]),
        TrainerOption.Whole("score_every", "steps between quick scores, taken at epoch ends (every epoch when an epoch is longer)",
            o => o.ScoreEvery, (o, v) => o with { ScoreEvery = (int)v }, 1, MaxSteps),
    ];

    /// <summary>Every option by name.</summary>
    public static IReadOnlyDictionary<string, TrainerOption> All { get; } = List.ToDictionary(o => o.Name);

    /// <summary>Whether <paramref name="device"/> names a device: auto, cpu, cuda or cuda:N.</summary>
    public static bool IsDevice(string device) => device is "auto" or "cpu" or "cuda" || DeviceIndex().IsMatch(device);

    private static bool LearningRate(double value) => value > 0 && value <= MaxLearningRate;

    [System.Text.RegularExpressions.GeneratedRegex(@"\Acuda:[0-9]{1,4}\z")]
    private static partial System.Text.RegularExpressions.Regex DeviceIndex();
}
