using System.Text.Json;
using System.Text.Json.Serialization;

namespace Silo.Search;

/// <summary>The kinds of early termination a sweep file's <c>early_terminate</c> names.</summary>
public enum EarlyTerminationType
{
    /// <summary>Stops a trial whose health says it is beyond saving: D saturated, or class coverage collapsed.</summary>
    GanHealth,
    /// <summary>Asynchronous successive halving (ASHA; W&amp;B's hyperband): at each rung, stops a trial outside the best 1/eta of those that reached it.</summary>
    Hyperband,
    /// <summary>Stops a trial worse than the median of its peers at the same step.</summary>
    Median,
}

/// <summary>
/// A sweep's early-termination rules, stored with the sweep as JSON so that every silo's
/// trainers apply the same ones. Steps are G steps. The defaults are documented in the README.
/// </summary>
public sealed record EarlyTermination
{
    /// <summary>The rule sets in force.</summary>
    public required IReadOnlyList<EarlyTerminationType> Types { get; init; }

    /// <summary>The sweep metric's quick form that hyperband and median compare: <c>fid_quick</c> or <c>coverage_quick</c>.</summary>
    public string Metric { get; init; } = Gan.Core.Metrics.MetricNames.QuickFid;

    /// <summary>Whether a lower <see cref="Metric"/> is better.</summary>
    public bool Minimize { get; init; } = true;

    /// <summary>Hyperband: the first rung; median: the first step compared.</summary>
    public long MinIter { get; init; } = 500;

    /// <summary>Hyperband: rungs are min_iter·etaᵏ, and a trial goes on only within the best 1/eta at each.</summary>
    public double Eta { get; init; } = 3;

    /// <summary>Hyperband: no rung at or past this step.</summary>
    public long? MaxIter { get; init; }

    /// <summary>Median: the steps between comparisons.</summary>
    public long Interval { get; init; } = 500;

    /// <summary>Median: how many other trials must have a value at a step before any is stopped there.</summary>
    public int MinTrials { get; init; } = 3;

    /// <summary>gan-health: D(G(z)) under this counts towards saturation.</summary>
    public double SaturatedDgz { get; init; } = 0.02;

    /// <summary>gan-health: D's accuracy (the mean of its real and fake accuracies) at or over this counts towards saturation.</summary>
    public double SaturatedAccuracy { get; init; } = 0.98;

    /// <summary>gan-health: metric records in a row that must be saturated before the trial stops.</summary>
    public int SaturatedRecords { get; init; } = 10;

    /// <summary>gan-health: a quick score covering fewer classes than this counts as collapsed, once an earlier one covered at least twice as many.</summary>
    public int MinCoverage { get; init; } = 3;

    /// <summary>gan-health: quick scores in a row that must be collapsed before the trial stops.</summary>
    public int CollapsedChecks { get; init; } = 2;

    /// <summary>gan-health: no health rule stops a trial before this step, since every GAN starts unbalanced.</summary>
    public long Grace { get; init; } = 400;

    /// <summary>No rule: what a sweep with a budget but no early_terminate applies.</summary>
    public static EarlyTermination None { get; } = new() { Types = [] };

    /// <summary>Whether <paramref name="type"/> is in force.</summary>
    public bool Has(EarlyTerminationType type) => Types.Contains(type);

    /// <summary>The rules as stored with the sweep.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Rules stored by <see cref="ToJson"/>.</summary>
    public static EarlyTermination FromJson(string json) =>
        JsonSerializer.Deserialize<EarlyTermination>(json, Json) ?? throw new JsonException("The stored early-termination rules are empty.");

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
