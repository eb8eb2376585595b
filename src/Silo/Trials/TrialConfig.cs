using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Gan.Core.Training;

namespace Silo.Trials;

/// <summary>
/// One trial's configuration: the options its sweep file fixes or sweeps, in the file's order,
/// each value typed by its option's kind (<see cref="long"/>, <see cref="double"/> or
/// <see cref="string"/>), and the <see cref="TrainerOptions"/> they make. It is built once, from
/// the sweep file or from the store's JSON, and every reader takes it as it is.
/// </summary>
public sealed class TrialConfig : IReadOnlyDictionary<string, object>
{
    private readonly IReadOnlyList<KeyValuePair<string, object>> values;
    private readonly Dictionary<string, object> byName;

    /// <summary>A configuration from option values.</summary>
    /// <exception cref="ArgumentException">An option is unknown, or its value is not of the option's kind.</exception>
    public TrialConfig(IEnumerable<KeyValuePair<string, object>> values)
    {
        this.values = values.ToList();
        byName = new Dictionary<string, object>(this.values);
        foreach (var (name, value) in this.values)
        {
            if (!TrainerOptionCatalog.All.TryGetValue(name, out var option))
                throw new ArgumentException($"'{name}' is not a trainer option.", nameof(values));
            if (!option.Holds(value))
                throw new ArgumentException($"{name} = {value} is a {value.GetType().Name}, not a {option.Kind} value.", nameof(values));
        }
        Options = this.values.Aggregate(new TrainerOptions(), (options, pair) => TrainerOptionCatalog.All[pair.Key].With(options, pair.Value));
    }

    /// <summary>The trainer options this configuration makes (every option not named keeps its default).</summary>
    public TrainerOptions Options { get; }

    /// <summary>The configuration as a JSON object, options in order: the one form stores keep.</summary>
    public string ToJson() => JsonSerializer.Serialize(byName);

    /// <summary>Reads what <see cref="ToJson"/> wrote, typing each value by its option's kind.</summary>
    public static TrialConfig FromJson(string json) =>
        new(JsonDocument.Parse(json).RootElement.EnumerateObject().Select(property => KeyValuePair.Create(property.Name, TrainerOptionCatalog.All[property.Name].FromJson(property.Value))));

    /// <inheritdoc />
    public object this[string key] => byName[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => values.Select(p => p.Key);

    /// <inheritdoc />
    public IEnumerable<object> Values => values.Select(p => p.Value);

    /// <inheritdoc />
    public int Count => values.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => byName.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value) => byName.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
