using Gan.Core.Data;
using Gan.Core.Models;

namespace Gan.Core.Training;

/// <summary>Everything that configures one trial. Defaults follow the PyTorch MLP tutorial.</summary>
public sealed record TrainerOptions
{
    /// <summary>The dataset name: mnist, fashion-mnist, gaussian, shapes or images.</summary>
    public string Dataset { get; init; } = DatasetCatalog.Mnist;

    /// <summary>A folder with the dataset's standard IDX files, instead of the default location; for images, the folder of images.</summary>
    public string? DataDir { get; init; }

    /// <summary>The side images are brought to (shorter side scaled, centre cropped); null for the dataset's own.</summary>
    public int? ImageSize { get; init; }

    /// <summary>Colour channels, 1 or 3; null for the data's own.</summary>
    public int? Channels { get; init; }

    /// <summary>The dataset options together.</summary>
    public DatasetSpec DatasetSpec => new(Dataset, DataDir, ImageSize, Channels);

    /// <summary>The mean of the gaussian dataset's N(mean, std²).</summary>
    public double DataMean { get; init; } = 10;

    /// <summary>The standard deviation of the gaussian dataset's N(mean, std²).</summary>
    public double DataStd { get; init; } = 1;

    /// <summary>The architecture: mlp, mlp-128, dcgan or dcgan-small.</summary>
    public string Arch { get; init; } = Architectures.Mlp;

    /// <summary>The width multiplier of dcgan-small.</summary>
    public double Width { get; init; } = 0.25;

    /// <summary>The latent size; by default the architecture's tutorial value (64 for mlp, else 100).</summary>
    public int? LatentSize { get; init; }

    /// <summary>The learning rate of both networks, unless <see cref="LrD"/> or <see cref="LrG"/> overrides it.</summary>
    public double Lr { get; init; } = 2e-4;

    /// <summary>D's learning rate.</summary>
    public double? LrD { get; init; }

    /// <summary>G's learning rate.</summary>
    public double? LrG { get; init; }

    /// <summary>The optimizer: adam, rmsprop or sgd.</summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>Adam's β1 (0.5 as in DCGAN).</summary>
    public double Beta1 { get; init; } = 0.5;

    /// <summary>Adam's β2.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Momentum of rmsprop and sgd.</summary>
    public double Momentum { get; init; }

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Epochs to train (one epoch sees every training image once in D's real batches); 5 if neither this nor <see cref="Steps"/> is set.</summary>
    public int? Epochs { get; init; }

    /// <summary>G steps to train.</summary>
    public long? Steps { get; init; }

    /// <summary>D updates per G update.</summary>
    public int DSteps { get; init; } = 1;

    /// <summary>One-sided label smoothing: D's real targets are 1 − this.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>
    /// The decay of the average of G's weights that the trial samples, scores and exports
    /// (<see cref="GeneratorAverage"/>); 0 keeps no average and uses G itself.
    /// </summary>
    public double EmaDecay { get; init; }

    /// <summary>The seed of every random choice in the trial.</summary>
    public ulong Seed { get; init; }

    /// <summary>cpu, cuda, cuda:N, or auto (the first GPU if there is one).</summary>
    public string Device { get; init; } = "auto";

    /// <summary>The precision the networks train in: <see cref="PrecisionFp32"/> or <see cref="PrecisionBf16"/>.</summary>
    public string Precision { get; init; } = PrecisionFp32;

    /// <summary>Train in float32 throughout.</summary>
    public const string PrecisionFp32 = "fp32";

    /// <summary>Train bfloat16 working copies of the networks, with float32 master weights (<see cref="TrainingStep"/>).</summary>
    public const string PrecisionBf16 = "bf16";

    /// <summary>Steps between metric records (one is also made at each epoch end).</summary>
    public int LogEvery { get; init; } = 50;

    /// <summary>Samples scored at the end (the same for every trial of a sweep).</summary>
    public int EvalSamples { get; init; } = 2000;

    /// <summary>
    /// About how many steps apart the epoch-end quick scores are: one every so many epochs that
    /// they are at least this far apart (every epoch when an epoch is longer). A quick score costs
    /// about as much as 50 steps of the MLP (bench/run.sh quickscore), so scoring every 80-step
    /// epoch would make an MLP trial two-thirds slower.
    /// </summary>
    public int ScoreEvery { get; init; } = 400;

    /// <summary>Which generator the final scores are of: <see cref="EvaluateBest"/> (the best quick score's) or <see cref="EvaluateLast"/>.</summary>
    public string Evaluate { get; init; } = EvaluateBest;

    /// <summary>Score the generator whose quick FID was lowest.</summary>
    public const string EvaluateBest = "best";

    /// <summary>Score the generator of the last step.</summary>
    public const string EvaluateLast = "last";

    /// <summary>The latent size in effect.</summary>
    public int EffectiveLatentSize => LatentSize ?? Architectures.DefaultLatentSize(Arch);

    /// <summary>D's learning rate in effect.</summary>
    public double EffectiveLrD => LrD ?? Lr;

    /// <summary>G's learning rate in effect.</summary>
    public double EffectiveLrG => LrG ?? Lr;
}
