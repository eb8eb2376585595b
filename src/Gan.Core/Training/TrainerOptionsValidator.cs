using Gan.Core.Data;
using Gan.Core.Models;

namespace Gan.Core.Training;

/// <summary>Checks <see cref="TrainerOptions"/>; each problem names the option, the value and the rule.</summary>
public static partial class TrainerOptionsValidator
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
    private const int MaxQuoted = 80;
    private const double MaxDataMean = 1e6;

    /// <summary>Every problem with <paramref name="options"/>; empty when they are valid.</summary>
    public static IReadOnlyList<string> Validate(TrainerOptions options)
    {
        var problems = new List<string>();
        void Check(bool valid, string option, object? value, string rule)
        {
            if (!valid)
                problems.Add($"{option} = {Format(value)}: {rule}.");
        }

        Check(DatasetCatalog.Names.Contains(options.Dataset), "dataset", options.Dataset, $"must be one of {string.Join(", ", DatasetCatalog.Names)}");
        Check(Architectures.Names.Contains(options.Arch), "arch", options.Arch, $"must be one of {string.Join(", ", Architectures.Names)}");
        // The toy networks take 1-D samples and the image networks 28×28 images: each pairs only
        // with its own data. The problem names both options, since neither is wrong alone.
        if ((options.Arch == Architectures.Toy) != (options.Dataset == DatasetCatalog.Gaussian) && Architectures.Names.Contains(options.Arch) && DatasetCatalog.Names.Contains(options.Dataset))
            problems.Add($"arch {Format(options.Arch)} with dataset {Format(options.Dataset)}: arch toy trains on dataset gaussian, and the image architectures on mnist or fashion-mnist.");
        Check(double.IsFinite(options.DataMean) && Math.Abs(options.DataMean) <= MaxDataMean, "data_mean", options.DataMean, $"must be from -{MaxDataMean} to {MaxDataMean}");
        Check(options.DataStd is > 0 and <= MaxDataMean, "data_std", options.DataStd, $"must be greater than 0 and at most {MaxDataMean}");
        Check(TrainerOptions.Optimizers.Contains(options.Optimizer), "optimizer", options.Optimizer, $"must be one of {string.Join(", ", TrainerOptions.Optimizers)}");
        Check(options.Width > 0 && options.Width <= 4, "width", options.Width, "must be in (0, 4]");
        Check(options.LatentSize is null or (>= 1 and <= MaxLatentSize), "latent_size", options.LatentSize, $"must be from 1 to {MaxLatentSize}");
        Check(LearningRate(options.Lr), "lr", options.Lr, LearningRateRule);
        Check(options.LrD is null || LearningRate(options.LrD.Value), "lr_d", options.LrD, LearningRateRule);
        Check(options.LrG is null || LearningRate(options.LrG.Value), "lr_g", options.LrG, LearningRateRule);
        Check(options.Beta1 is >= 0 and < 1, "beta1", options.Beta1, "must be in [0, 1)");
        Check(options.Beta2 is >= 0 and < 1, "beta2", options.Beta2, "must be in [0, 1)");
        Check(options.Momentum is >= 0 and < 1, "momentum", options.Momentum, "must be in [0, 1)");
        Check(options.BatchSize is >= 1 and <= MaxBatchSize, "batch_size", options.BatchSize, $"must be from 1 to {MaxBatchSize}");
        Check(options.Epochs is null or (>= 1 and <= MaxEpochs), "epochs", options.Epochs, $"must be from 1 to {MaxEpochs}");
        Check(options.Steps is null or (>= 1 and <= MaxSteps), "steps", options.Steps, $"must be from 1 to {MaxSteps}");
        Check(options.Epochs is null || options.Steps is null, "epochs", options.Epochs, "give epochs or steps, not both");
        Check(options.DSteps is >= 1 and <= MaxDSteps, "d_steps", options.DSteps, $"must be from 1 to {MaxDSteps}");
        Check(options.LabelSmoothing is >= 0 and < 0.5, "label_smoothing", options.LabelSmoothing, "must be in [0, 0.5)");
        Check(options.LogEvery >= 1 && options.LogEvery <= MaxSteps, "log_every", options.LogEvery, $"must be from 1 to {MaxSteps}");
        Check(options.EvalSamples is >= 2 and <= MaxEvalSamples, "eval_samples", options.EvalSamples, $"must be from 2 to {MaxEvalSamples}");
        Check(IsDevice(options.Device), "device", options.Device, "must be auto, cpu, cuda or cuda:N");
        Check(options.ScoreEvery >= 1 && options.ScoreEvery <= MaxSteps, "score_every", options.ScoreEvery, $"must be from 1 to {MaxSteps}");
        Check(options.Evaluate is TrainerOptions.EvaluateBest or TrainerOptions.EvaluateLast, "evaluate", options.Evaluate, "must be best or last");
        return problems;
    }

    /// <summary>Throws all the problems at once.</summary>
    /// <exception cref="GanException">The options are invalid.</exception>
    public static void ThrowIfInvalid(TrainerOptions options)
    {
        var problems = Validate(options);
        if (problems.Count > 0)
            throw new GanException(GanErrorCode.InvalidOption, string.Join(" ", problems));
    }

    private static readonly string LearningRateRule = $"must be greater than 0 and at most {MaxLearningRate}";

    private static bool LearningRate(double value) => value > 0 && value <= MaxLearningRate;

    /// <summary>Whether <paramref name="device"/> names a device: auto, cpu, cuda or cuda:N.</summary>
    public static bool IsDevice(string device) => device is "auto" or "cpu" or "cuda" || DeviceIndex().IsMatch(device);

    [System.Text.RegularExpressions.GeneratedRegex(@"\Acuda:[0-9]{1,4}\z")]
    private static partial System.Text.RegularExpressions.Regex DeviceIndex();

    private static string Format(object? value) =>
        value switch
        {
            null => "(none)",
            string s => s.Length <= MaxQuoted ? $"'{s}'" : $"'{s[..MaxQuoted]}…' ({s.Length} characters)",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
}
