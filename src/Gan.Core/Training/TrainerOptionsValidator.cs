using Gan.Core.Data;
using Gan.Core.Models;

namespace Gan.Core.Training;

/// <summary>Checks <see cref="TrainerOptions"/>; each problem names the option, the value and the rule.</summary>
public static class TrainerOptionsValidator
{
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
        Check(TrainerOptions.Optimizers.Contains(options.Optimizer), "optimizer", options.Optimizer, $"must be one of {string.Join(", ", TrainerOptions.Optimizers)}");
        Check(options.Width > 0 && options.Width <= 4, "width", options.Width, "must be in (0, 4]");
        Check(options.LatentSize is null or >= 1, "latent_size", options.LatentSize, "must be at least 1");
        Check(Positive(options.Lr), "lr", options.Lr, "must be greater than 0");
        Check(options.LrD is null || Positive(options.LrD.Value), "lr_d", options.LrD, "must be greater than 0");
        Check(options.LrG is null || Positive(options.LrG.Value), "lr_g", options.LrG, "must be greater than 0");
        Check(options.Beta1 is >= 0 and < 1, "beta1", options.Beta1, "must be in [0, 1)");
        Check(options.Beta2 is >= 0 and < 1, "beta2", options.Beta2, "must be in [0, 1)");
        Check(options.Momentum is >= 0 and < 1, "momentum", options.Momentum, "must be in [0, 1)");
        Check(options.BatchSize >= 1, "batch_size", options.BatchSize, "must be at least 1");
        Check(options.Epochs is null or >= 1, "epochs", options.Epochs, "must be at least 1");
        Check(options.Steps is null or >= 1, "steps", options.Steps, "must be at least 1");
        Check(options.Epochs is null || options.Steps is null, "epochs", options.Epochs, "give epochs or steps, not both");
        Check(options.DSteps >= 1, "d_steps", options.DSteps, "must be at least 1");
        Check(options.LabelSmoothing is >= 0 and < 0.5, "label_smoothing", options.LabelSmoothing, "must be in [0, 0.5)");
        Check(options.LogEvery >= 1, "log_every", options.LogEvery, "must be at least 1");
        Check(options.EvalSamples >= 2, "eval_samples", options.EvalSamples, "must be at least 2");
        Check(IsDevice(options.Device), "device", options.Device, "must be auto, cpu, cuda or cuda:N");
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

    private static bool Positive(double value) => value > 0 && double.IsFinite(value);

    private static bool IsDevice(string device) => device == "auto" || Torch.Device.TryParse(device, out _);

    private static string Format(object? value) =>
        value switch
        {
            null => "(none)",
            string s => $"'{s}'",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
}
