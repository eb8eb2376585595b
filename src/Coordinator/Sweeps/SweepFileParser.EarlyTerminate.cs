using Coordinator.Cli;
using Gan.Core.Metrics;
using Silo.Search;

namespace Coordinator.Sweeps;

public sealed partial class SweepFileParser
{
    private static readonly Dictionary<string, EarlyTerminationType> TerminationTypes = new()
    {
        ["gan-health"] = EarlyTerminationType.GanHealth,
        ["hyperband"] = EarlyTerminationType.Hyperband,
        ["asha"] = EarlyTerminationType.Hyperband,
        ["median"] = EarlyTerminationType.Median,
    };

    // Which rule each key tunes; W&B's hyperband keys keep their names.
    private static readonly Dictionary<string, EarlyTerminationType[]> TerminationKeys = new()
    {
        ["min_iter"] = [EarlyTerminationType.Hyperband, EarlyTerminationType.Median],
        ["max_iter"] = [EarlyTerminationType.Hyperband],
        ["eta"] = [EarlyTerminationType.Hyperband],
        ["s"] = [EarlyTerminationType.Hyperband],
        ["interval"] = [EarlyTerminationType.Median],
        ["min_trials"] = [EarlyTerminationType.Median],
        ["saturated_d_g_z"] = [EarlyTerminationType.GanHealth],
        ["saturated_accuracy"] = [EarlyTerminationType.GanHealth],
        ["saturated_records"] = [EarlyTerminationType.GanHealth],
        ["min_coverage"] = [EarlyTerminationType.GanHealth],
        ["collapsed_checks"] = [EarlyTerminationType.GanHealth],
        ["grace"] = [EarlyTerminationType.GanHealth],
    };

    /// <summary>
    /// The <c>early_terminate</c> section: W&amp;B's mapping with a <c>type</c>, which may also be a
    /// list (<c>[hyperband, gan-health]</c>), and keys that tune each type.
    /// </summary>
    private EarlyTermination? EarlyTerminate(YamlNode node, SweepMetric metric, YamlNode? metricNode)
    {
        if (node is not YamlMapping mapping)
        {
            Problem(node.Location, "early_terminate must be a mapping such as {type: hyperband, min_iter: 500, eta: 3}");
            return null;
        }
        var entries = Entries(mapping, ["type", .. TerminationKeys.Keys]);
        if (!entries.TryGetValue("type", out var typeNode))
        {
            Problem(mapping.Location, $"early_terminate needs a type: {string.Join(", ", TerminationTypes.Keys)}");
            return null;
        }
        var types = TerminationTypeList(typeNode);
        if (types is null)
            return null;
        if (types.Contains(EarlyTerminationType.Hyperband) && types.Contains(EarlyTerminationType.Median))
            Problem(typeNode.Location, "hyperband and median both stop trials by the metric; choose one (gan-health goes with either)");
        var rules = new EarlyTermination { Types = types };
        var ranked = types.Contains(EarlyTerminationType.Hyperband) || types.Contains(EarlyTerminationType.Median);
        if (ranked)
        {
            if (ScoreCatalog.All[metric.Name].Quick is { } quick)
                rules = rules with { Metric = quick, Minimize = metric.Minimize };
            else
                Problem((metricNode ?? typeNode).Location, $"early_terminate compares trials by a score taken during training, which exists for {string.Join(" and ", ScoreCatalog.List.Where(s => s.Quick is not null).Select(s => s.Name))}, not {metric.Name}; rank by one of those, or use type: gan-health");
        }
        foreach (var (key, value) in entries.Where(e => e.Key != "type"))
        {
            if (!TerminationKeys[key].Any(types.Contains))
            {
                Problem(KeyLocation(mapping, key), $"'{key}' tunes {string.Join(" or ", TerminationKeys[key].Select(TypeName))}, which this early_terminate does not use");
                continue;
            }
            rules = TerminationKey(rules, key, value);
        }
        return CheckTermination(rules, entries, mapping);
    }

    private List<EarlyTerminationType>? TerminationTypeList(YamlNode node)
    {
        var items = node is YamlSequence sequence ? sequence.Items : [node];
        var types = new List<EarlyTerminationType>();
        foreach (var item in items)
        {
            var name = Text(item, "early_terminate.type");
            if (name is null)
                return null;
            if (!TerminationTypes.TryGetValue(name, out var type))
            {
                Problem(item.Location, $"early_terminate type '{TerminalText.Quote(name)}' is not known{Suggest(name, [.. TerminationTypes.Keys])}");
                return null;
            }
            if (!types.Contains(type))
                types.Add(type);
        }
        if (types.Count == 0)
            Problem(node.Location, $"early_terminate type lists nothing; name one of {string.Join(", ", TerminationTypes.Keys)}");
        return types.Count == 0 ? null : types;
    }

    private EarlyTermination TerminationKey(EarlyTermination rules, string key, YamlNode node) =>
        key switch
        {
            "min_iter" => rules with { MinIter = PositiveInteger(node, "early_terminate.min_iter") },
            "max_iter" => rules with { MaxIter = PositiveInteger(node, "early_terminate.max_iter") },
            "s" => rules,  // read with max_iter in CheckTermination
            "eta" => rules with { Eta = Bounded(node, "early_terminate.eta", 1, 100, openLow: true) ?? rules.Eta },
            "interval" => rules with { Interval = PositiveInteger(node, "early_terminate.interval") },
            "min_trials" => rules with { MinTrials = PositiveInteger(node, "early_terminate.min_trials") },
            "saturated_d_g_z" => rules with { SaturatedDgz = Bounded(node, "early_terminate.saturated_d_g_z", 0, 1, openLow: true) ?? rules.SaturatedDgz },
            "saturated_accuracy" => rules with { SaturatedAccuracy = Bounded(node, "early_terminate.saturated_accuracy", 0, 1, openLow: true) ?? rules.SaturatedAccuracy },
            "saturated_records" => rules with { SaturatedRecords = PositiveInteger(node, "early_terminate.saturated_records") },
            "min_coverage" => rules with { MinCoverage = PositiveInteger(node, "early_terminate.min_coverage", max: 10) },
            "collapsed_checks" => rules with { CollapsedChecks = PositiveInteger(node, "early_terminate.collapsed_checks") },
            _ => rules with { Grace = PositiveInteger(node, "early_terminate.grace", allowZero: true) },
        };

    /// <summary>W&amp;B's other way to place rungs: max_iter and s brackets give min_iter = max_iter / etaˢ.</summary>
    private EarlyTermination CheckTermination(EarlyTermination rules, Dictionary<string, YamlNode> entries, YamlMapping mapping)
    {
        if (entries.TryGetValue("s", out var sNode))
        {
            var s = PositiveInteger(sNode, "early_terminate.s", max: 20);
            if (entries.ContainsKey("min_iter") || rules.MaxIter is null)
                Problem(sNode.Location, "'s' places the rungs below max_iter: give max_iter with it, and no min_iter");
            else
                rules = rules with { MinIter = Math.Max(1, (long)Math.Round(rules.MaxIter.Value / Math.Pow(rules.Eta, s))) };
        }
        if (rules.MaxIter is { } max && max <= rules.MinIter)
            Problem(KeyLocation(mapping, "max_iter"), $"max_iter {max} must be greater than min_iter {rules.MinIter}, or no rung is left");
        return rules;
    }

    private double? Bounded(YamlNode node, string what, double low, double high, bool openLow)
    {
        var value = Number(node, what);
        if (value is null || (openLow ? value > low : value >= low) && value <= high)
            return value;
        Problem(node.Location, $"{what} must be {(openLow ? "greater than" : "at least")} {low} and at most {high}");
        return null;
    }

    private static string TypeName(EarlyTerminationType type) => TerminationTypes.First(t => t.Value == type).Key;

    private static SourceLocation KeyLocation(YamlMapping mapping, string key) => mapping.Entries.First(e => e.Key.Value == key).Key.Location;
}
