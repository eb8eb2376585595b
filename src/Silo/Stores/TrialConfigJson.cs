using System.Text.Json;
using Silo.Trials;

namespace Silo.Stores;

/// <summary>A trial's configuration as JSON, typed back by each option's kind.</summary>
public static class TrialConfigJson
{
    /// <summary>The configuration as a JSON object, keys in order.</summary>
    public static string Write(IReadOnlyDictionary<string, object> config) => JsonSerializer.Serialize(config);

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static IReadOnlyDictionary<string, object> Read(string json)
    {
        var config = new Dictionary<string, object>();
        foreach (var property in JsonDocument.Parse(json).RootElement.EnumerateObject())
            config[property.Name] = TrialOption.All[property.Name].Kind switch
            {
                OptionKind.Integer => property.Value.GetInt64(),
                OptionKind.Real => property.Value.GetDouble(),
                _ => property.Value.GetString()!,
            };
        return config;
    }
}
