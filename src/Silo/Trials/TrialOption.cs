using System.Text.Json;
using System.Globalization;
using Gan.Core.Training;

namespace Silo.Trials;

/// <summary>The kinds of value a trainer option takes.</summary>
public enum OptionKind
{
    /// <summary>A real number.</summary>
    Real,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>Text.</summary>
    Text,
}

/// <summary>One trainer option as sweep files name it, and how it sets <see cref="TrainerOptions"/>.</summary>
/// <param name="Name">The option's name in sweep files.</param>
/// <param name="Kind">The kind of value it takes.</param>
/// <param name="Apply">Sets the option on trainer options.</param>
/// <param name="Min">For whole numbers: the smallest value the trainer's field holds.</param>
/// <param name="Max">For whole numbers: the largest value the trainer's field holds.</param>
public sealed record TrialOption(string Name, OptionKind Kind, Func<TrainerOptions, object, TrainerOptions> Apply, long Min = int.MinValue, long Max = int.MaxValue)
{
    /// <summary>The longest text value a sweep file may give (the longest Linux path).</summary>
    public const int MaxTextLength = 4096;

    /// <summary>Every option a sweep file may set or sweep, by name.</summary>
    public static IReadOnlyDictionary<string, TrialOption> All { get; } = new TrialOption[]
    {
        new("dataset", OptionKind.Text, (o, v) => o with { Dataset = (string)v }),
        new("data_dir", OptionKind.Text, (o, v) => o with { DataDir = (string)v }),
        new("data_mean", OptionKind.Real, (o, v) => o with { DataMean = Real(v) }),
        new("data_std", OptionKind.Real, (o, v) => o with { DataStd = Real(v) }),
        new("arch", OptionKind.Text, (o, v) => o with { Arch = (string)v }),
        new("width", OptionKind.Real, (o, v) => o with { Width = Real(v) }),
        new("latent_size", OptionKind.Integer, (o, v) => o with { LatentSize = checked((int)Whole(v)) }),
        new("lr", OptionKind.Real, (o, v) => o with { Lr = Real(v) }),
        new("lr_d", OptionKind.Real, (o, v) => o with { LrD = Real(v) }),
        new("lr_g", OptionKind.Real, (o, v) => o with { LrG = Real(v) }),
        new("optimizer", OptionKind.Text, (o, v) => o with { Optimizer = (string)v }),
        new("beta1", OptionKind.Real, (o, v) => o with { Beta1 = Real(v) }),
        new("beta2", OptionKind.Real, (o, v) => o with { Beta2 = Real(v) }),
        new("momentum", OptionKind.Real, (o, v) => o with { Momentum = Real(v) }),
        new("batch_size", OptionKind.Integer, (o, v) => o with { BatchSize = checked((int)Whole(v)) }),
        new("epochs", OptionKind.Integer, (o, v) => o with { Epochs = checked((int)Whole(v)) }),
        new("steps", OptionKind.Integer, (o, v) => o with { Steps = Whole(v) }, long.MinValue, long.MaxValue),
        new("d_steps", OptionKind.Integer, (o, v) => o with { DSteps = checked((int)Whole(v)) }),
        new("label_smoothing", OptionKind.Real, (o, v) => o with { LabelSmoothing = Real(v) }),
        new("seed", OptionKind.Integer, (o, v) => o with { Seed = checked((ulong)Whole(v)) }, 0, long.MaxValue),
        new("device", OptionKind.Text, (o, v) => o with { Device = (string)v }),
        new("log_every", OptionKind.Integer, (o, v) => o with { LogEvery = checked((int)Whole(v)) }),
        new("eval_samples", OptionKind.Integer, (o, v) => o with { EvalSamples = checked((int)Whole(v)) }),
        new("evaluate", OptionKind.Text, (o, v) => o with { Evaluate = (string)v }),
        new("score_every", OptionKind.Integer, (o, v) => o with { ScoreEvery = checked((int)Whole(v)) }),
    }.ToDictionary(o => o.Name);

    /// <summary>Whether <paramref name="value"/> is of this option's kind, as a trial configuration holds it.</summary>
    public bool Holds(object value) =>
        Kind switch
        {
            OptionKind.Integer => value is long,
            OptionKind.Real => value is double,
            _ => value is string,
        };

    /// <summary>A value of this option as stored JSON holds it, typed by the option's kind.</summary>
    public object FromJson(JsonElement element) =>
        Kind switch
        {
            OptionKind.Integer => element.GetInt64(),
            OptionKind.Real => element.GetDouble(),
            _ => element.GetString()!,
        };

    /// <summary>A value as a sweep file writes it: numbers in invariant culture, text as it is.</summary>
    public static string Format(object value) =>
        value switch
        {
            double d => d.ToString("G6", CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

    private static double Real(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static long Whole(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
