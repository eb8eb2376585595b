using System.Globalization;
using System.Text.Json;

namespace Gan.Core.Training;

/// <summary>The kinds of value a trainer option takes.</summary>
public enum OptionKind
{
    /// <summary>A real number, held as <see cref="double"/>.</summary>
    Real,
    /// <summary>A whole number, held as <see cref="long"/>.</summary>
    Integer,
    /// <summary>Text, held as <see cref="string"/>.</summary>
    Text,
}

/// <summary>
/// The one declaration of a trainer option: its name, kind, help, rule, and how it reads and sets
/// <see cref="TrainerOptions"/> (whose initialisers are the defaults). The <c>sweep train</c>
/// flags, the sweep-file keys, validation, stored configurations and README's options table are
/// all derived from <see cref="TrainerOptionCatalog.All"/>.
/// </summary>
public sealed class TrainerOption
{
    /// <summary>The longest text value an option takes (the longest Linux path).</summary>
    public const int MaxTextLength = 4096;

    private readonly Func<TrainerOptions, object?> get;
    private readonly Func<TrainerOptions, object, TrainerOptions> set;
    private readonly Func<object, bool> allows;

    private TrainerOption(string name, OptionKind kind, string help, Func<TrainerOptions, object?> get, Func<TrainerOptions, object, TrainerOptions> set, Func<object, bool> allows, string rule)
    {
        Name = name;
        Kind = kind;
        Help = help;
        this.get = get;
        this.set = set;
        this.allows = allows;
        Rule = rule;
    }

    /// <summary>The option's name in sweep files and stored configurations (snake_case).</summary>
    public string Name { get; }

    /// <summary>The kind of value it takes.</summary>
    public OptionKind Kind { get; }

    /// <summary>What the option means, for <c>--help</c> and README.</summary>
    public string Help { get; }

    /// <summary>The rule a value must follow, as problems state it ("must be from 1 to 65536"); empty when any value of the kind is taken.</summary>
    public string Rule { get; }

    /// <summary>For an option without a fixed default: what is used when it is not given.</summary>
    public string? DefaultHelp { get; private init; }

    /// <summary>The command-line flag, e.g. <c>--batch-size</c>.</summary>
    public string Flag => "--" + Name.Replace('_', '-');

    /// <summary>The default, from <see cref="TrainerOptions"/>' initialisers; null for an option that is unset by default.</summary>
    public object? Default => get(new TrainerOptions());

    /// <summary>The option's value in <paramref name="options"/>, typed by <see cref="Kind"/>; null when unset.</summary>
    public object? ValueIn(TrainerOptions options) => get(options);

    /// <summary>Whether <paramref name="value"/> is of this option's kind, as a trial configuration holds it.</summary>
    public bool Holds(object value) =>
        Kind switch
        {
            OptionKind.Integer => value is long,
            OptionKind.Real => value is double,
            _ => value is string,
        };

    /// <summary>
    /// The rule <paramref name="value"/> breaks, or null when the trainer takes it. A whole-number
    /// option is checked on the value as given (a <see cref="long"/>, or a <see cref="double"/>
    /// from a range), before it reaches a narrower field where it would wrap.
    /// </summary>
    public string? Problem(object value) =>
        value is string { Length: > MaxTextLength } ? TooLong
        : allows(value) ? null
        : Rule;

    /// <summary>Whether the trainer takes <paramref name="value"/> for this option (see <see cref="Problem"/>).</summary>
    public bool Allows(object value) => Problem(value) is null;

    // Every text option's bound, whatever its own rule: data_dir has none, so it needs a rule of its own here.
    private static readonly string TooLong = $"must be at most {MaxTextLength} characters";

    /// <summary>The problem with <paramref name="value"/> as messages state it ("batch_size = 0: must be from 1 to 65536"), or null.</summary>
    public string? Statement(object value) => Problem(value) is { } rule ? $"{Name} = {Quote(value)}: {rule}" : null;

    /// <summary><paramref name="options"/> with this option set to <paramref name="value"/>, which must be of its kind and follow its rule.</summary>
    /// <exception cref="ArgumentException">The value is not of the option's kind or breaks its rule.</exception>
    public TrainerOptions With(TrainerOptions options, object value)
    {
        if (!Holds(value) || Problem(value) is not null)
            throw new ArgumentException($"{Name} = {Quote(value)} is not a value of this option.", nameof(value));
        return set(options, value);
    }

    /// <summary>A value as stored JSON holds it, typed by the option's kind.</summary>
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

    /// <summary>A value as problems quote it: text in quotes (cut short when long), numbers as they are.</summary>
    public static string Quote(object? value)
    {
        const int MaxQuoted = 80;
        return value switch
        {
            null => "(none)",
            string s => s.Length <= MaxQuoted ? $"'{s}'" : $"'{s[..MaxQuoted]}…' ({s.Length} characters)",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    /// <summary>A real-valued option whose values satisfy <paramref name="allows"/>.</summary>
    public static TrainerOption Real(string name, string help, Func<TrainerOptions, double?> get, Func<TrainerOptions, double, TrainerOptions> set, Func<double, bool> allows, string rule) =>
        new(name, OptionKind.Real, help, o => get(o), (o, v) => set(o, (double)v), v => v is double d && allows(d), rule);

    /// <summary>A whole-number option whose values lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static TrainerOption Whole(string name, string help, Func<TrainerOptions, long?> get, Func<TrainerOptions, long, TrainerOptions> set, long min, long max) =>
        new(name, OptionKind.Integer, help, o => get(o), (o, v) => set(o, (long)v), v => v switch
        {
            long l => l >= min && l <= max,
            double d => d >= min && d <= max,
            _ => false,
        }, $"must be from {min} to {max}");

    /// <summary>A whole-number option that takes one of <paramref name="choices"/>.</summary>
    public static TrainerOption Whole(string name, string help, Func<TrainerOptions, long?> get, Func<TrainerOptions, long, TrainerOptions> set, IReadOnlyList<long> choices) =>
        new(name, OptionKind.Integer, help, o => get(o), (o, v) => set(o, (long)v), v => v switch
        {
            long l => choices.Contains(l),
            double d => choices.Contains((long)d) && d == Math.Floor(d),
            _ => false,
        }, $"must be {string.Join(" or ", choices)}");

    /// <summary>A text option whose values satisfy <paramref name="allows"/>.</summary>
    public static TrainerOption Text(string name, string help, Func<TrainerOptions, string?> get, Func<TrainerOptions, string, TrainerOptions> set, Func<string, bool> allows, string rule) =>
        new(name, OptionKind.Text, help, o => get(o), (o, v) => set(o, (string)v), v => v is string s && allows(s), rule);

    /// <summary>A text option that takes one of <paramref name="choices"/>.</summary>
    public static TrainerOption Choice(string name, string help, Func<TrainerOptions, string> get, Func<TrainerOptions, string, TrainerOptions> set, IReadOnlyList<string> choices) =>
        Text(name, help, get, set, choices.Contains, $"must be one of {string.Join(", ", choices)}");

    /// <summary>This option, with what is used when it is not given.</summary>
    public TrainerOption DefaultsTo(string help) => new(Name, Kind, Help, get, set, allows, Rule) { DefaultHelp = help, Mutable = Mutable };

    /// <summary>
    /// Whether the option may change between two stretches of one training run, the checkpoint
    /// carried over (population-based training's explore step): a rate, not a shape. Options the
    /// checkpoint must agree with (the networks, the batch, the optimizer, d_steps) may not.
    /// </summary>
    public bool Mutable { get; private init; }

    /// <summary>This option, marked <see cref="Mutable"/>.</summary>
    public TrainerOption ChangesWhileTraining() => new(Name, Kind, Help, get, set, allows, Rule) { DefaultHelp = DefaultHelp, Mutable = true };
}
