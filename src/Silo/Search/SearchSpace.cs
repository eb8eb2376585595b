using Gan.Core.Training;
using System.Text;
using System.Text.Json;
using Silo.Trials;

namespace Silo.Search;

/// <summary>
/// What a sweep searches and how: the options every trial fixes, the swept parameters, the seed
/// draws start from, the most trials the sweep may hold, and the search method. Every sweep keeps
/// it in the store, so that the scheduler, on whichever silo it lives, can ask its method for the
/// next trial.
/// </summary>
/// <param name="Base">Options fixed for every trial, in file order.</param>
/// <param name="Parameters">The swept options, in file order.</param>
/// <param name="Seed">The seed every draw starts from.</param>
/// <param name="RunCap">The most trials the sweep holds.</param>
public sealed record SearchSpace(IReadOnlyDictionary<string, object> Base, IReadOnlyList<ParameterSpec> Parameters, int Seed, int RunCap)
{
    /// <summary>The name of the method that searches the space (<see cref="SearchMethods"/>); bayes for a space stored before methods were.</summary>
    public string Method { get; init; } = TreeParzenSearch.MethodName;

    /// <summary>How many trials bayes draws at random before its estimator proposes any (<c>startup_trials</c>).</summary>
    public int StartupTrials { get; init; } = TreeParzen.DefaultStartupTrials;

    /// <summary>pbt: how the population trains; null for the other methods.</summary>
    public PopulationSettings? Population { get; init; }

    /// <summary>replay: the stretches to train one after the other, each from the last one's checkpoint; null for the other methods.</summary>
    public IReadOnlyList<TrialConfig>? Schedule { get; init; }

    /// <summary>The method that searches the space.</summary>
    /// <exception cref="KeyNotFoundException">No method has its name (a space stored by another version).</exception>
    public ISearchMethod SearchMethod => SearchMethods.Find(Method) ?? throw new KeyNotFoundException($"'{Method}' is not a search method this version knows.");

    /// <summary>
    /// The trial that gives each parameter its value in <paramref name="assignment"/>. A
    /// conditional parameter whose condition the trial does not meet is left out, so the option
    /// keeps its default: `width` is never crossed with an architecture it does not apply to.
    /// </summary>
    public TrialConfig Configure(IEnumerable<(string Name, object Value)> assignment)
    {
        var config = new Dictionary<string, object>(Base);
        foreach (var (name, value) in assignment)
            config[name] = value;
        // Conditions name unconditional options (the sweep file's check), so one pass decides them all.
        foreach (var parameter in Parameters.Where(p => p.When is { } when && !when.Holds(config)))
            config.Remove(parameter.Name);
        return new TrialConfig(config);
    }

    /// <summary>The first <paramref name="count"/> trials of a random search from <see cref="Seed"/>: the same trials every time.</summary>
    public IReadOnlyList<TrialConfig> RandomTrials(int count)
    {
        var random = new Random(Seed);
        return [.. Enumerable.Range(0, count).Select(_ => Configure(Parameters.Select(p => (p.Name, ParameterDraws.Draw(p, random))).ToList()))];
    }

    /// <summary>The space as the store keeps it.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("method", Method);
            json.WriteNumber("seed", Seed);
            json.WriteNumber("run_cap", RunCap);
            json.WriteNumber("startup_trials", StartupTrials);
            if (Population is { } population)
            {
                json.WriteStartObject("population");
                json.WriteNumber("size", population.Size);
                json.WriteNumber("interval", population.Interval);
                json.WriteNumber("total_steps", population.TotalSteps);
                json.WriteNumber("quantile_fraction", population.QuantileFraction);
                json.WriteNumber("resample_probability", population.ResampleProbability);
                json.WriteStartArray("mutations");
                foreach (var name in population.Mutations)
                    json.WriteStringValue(name);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            if (Schedule is { } schedule)
            {
                json.WriteStartArray("schedule");
                foreach (var stretch in schedule)
                    json.WriteRawValue(stretch.ToJson());
                json.WriteEndArray();
            }
            json.WritePropertyName("base");
            json.WriteRawValue(new TrialConfig(Base).ToJson());
            json.WriteStartArray("parameters");
            foreach (var parameter in Parameters)
                Write(json, parameter);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A space stored by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a stored search space.</exception>
    public static SearchSpace FromJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var baseOptions = TrialConfig.FromJson(root.GetProperty("base").GetRawText()).ToDictionary();
        var parameters = root.GetProperty("parameters").EnumerateArray().Select(Read).ToList();
        return new SearchSpace(baseOptions, parameters, root.GetProperty("seed").GetInt32(), root.GetProperty("run_cap").GetInt32())
        {
            Method = root.TryGetProperty("method", out var method) ? method.GetString()! : TreeParzenSearch.MethodName,
            // Spaces stored before the option was had the default.
            StartupTrials = root.TryGetProperty("startup_trials", out var startup) ? startup.GetInt32() : TreeParzen.DefaultStartupTrials,
            Population = root.TryGetProperty("population", out var population) ? ReadPopulation(population) : null,
            Schedule = root.TryGetProperty("schedule", out var schedule) ? [.. schedule.EnumerateArray().Select(s => TrialConfig.FromJson(s.GetRawText()))] : null,
        };
    }

    private static PopulationSettings ReadPopulation(JsonElement element) => new(
        element.GetProperty("size").GetInt32(), element.GetProperty("interval").GetInt64(), element.GetProperty("total_steps").GetInt64(),
        element.GetProperty("quantile_fraction").GetDouble(), element.GetProperty("resample_probability").GetDouble(),
        [.. element.GetProperty("mutations").EnumerateArray().Select(m => m.GetString()!)]);

    private static void Write(Utf8JsonWriter json, ParameterSpec parameter)
    {
        json.WriteStartObject();
        json.WriteString("name", parameter.Name);
        switch (parameter)
        {
            case ValuesParameter values:
                WriteValues(json, "values", values.Values);
                if (values.Probabilities is { } chances)
                {
                    json.WriteStartArray("probabilities");
                    foreach (var chance in chances)
                        json.WriteNumberValue(chance);
                    json.WriteEndArray();
                }
                break;
            case RangeParameter range:
                json.WriteString("distribution", range.Distribution.ToString());
                json.WriteNumber("min", range.Min);
                json.WriteNumber("max", range.Max);
                json.WriteNumber("mu", range.Mu);
                json.WriteNumber("sigma", range.Sigma);
                if (range.Q is { } q)
                    json.WriteNumber("q", q);
                json.WriteBoolean("whole", range.Whole);
                break;
        }
        if (parameter.When is { } when)
        {
            json.WriteStartObject("when");
            json.WriteString("option", when.Option);
            WriteValues(json, "values", when.Values);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>Option values as <see cref="TrialConfig.ToJson"/> writes them, each by its runtime type.</summary>
    private static void WriteValues(Utf8JsonWriter json, string name, IEnumerable<object> values)
    {
        json.WritePropertyName(name);
        JsonSerializer.Serialize(json, values);
    }

    private static ParameterSpec Read(JsonElement element)
    {
        var name = element.GetProperty("name").GetString()!;
        ParameterSpec parameter = element.TryGetProperty("values", out var values)
            ? new ValuesParameter(name, ReadValues(name, values))
            {
                Probabilities = element.TryGetProperty("probabilities", out var chances) ? [.. chances.EnumerateArray().Select(c => c.GetDouble())] : null,
            }
            : new RangeParameter(name, Enum.Parse<Distribution>(element.GetProperty("distribution").GetString()!), element.GetProperty("min").GetDouble(), element.GetProperty("max").GetDouble())
            {
                Mu = element.GetProperty("mu").GetDouble(),
                Sigma = element.GetProperty("sigma").GetDouble(),
                Q = element.TryGetProperty("q", out var q) ? q.GetDouble() : null,
                Whole = element.GetProperty("whole").GetBoolean(),
            };
        if (element.TryGetProperty("when", out var when))
        {
            var option = when.GetProperty("option").GetString()!;
            parameter = parameter with { When = new ParameterCondition(option, ReadValues(option, when.GetProperty("values"))) };
        }
        return parameter;
    }

    private static List<object> ReadValues(string option, JsonElement values) =>
        [.. values.EnumerateArray().Select(TrainerOptionCatalog.All[option].FromJson)];
}
