using Gan.Core.Training;
using Coordinator.Cli;
using Silo.Search;
using Silo.Trials;

namespace Coordinator.Sweeps;

public sealed partial class SweepFileParser
{
    private static readonly string[] ParameterKeys = ["values", "value", "distribution", "min", "max", "q", "mu", "sigma", "probabilities", "parameters", "when"];

    private static readonly Dictionary<string, (Distribution Family, bool Quantized)> Distributions = new()
    {
        ["uniform"] = (Distribution.Uniform, false),
        ["q_uniform"] = (Distribution.Uniform, true),
        ["int_uniform"] = (Distribution.IntUniform, false),
        ["log_uniform"] = (Distribution.LogUniform, false),
        ["q_log_uniform"] = (Distribution.LogUniform, true),
        ["log_uniform_values"] = (Distribution.LogUniformValues, false),
        ["q_log_uniform_values"] = (Distribution.LogUniformValues, true),
        ["inv_log_uniform"] = (Distribution.InvLogUniform, false),
        ["inv_log_uniform_values"] = (Distribution.InvLogUniformValues, false),
        ["normal"] = (Distribution.Normal, false),
        ["q_normal"] = (Distribution.Normal, true),
        ["log_normal"] = (Distribution.LogNormal, false),
        ["q_log_normal"] = (Distribution.LogNormal, true),
    };

    private static bool IsNormal(Distribution d) => d is Distribution.Normal or Distribution.LogNormal;

    /// <summary>
    /// The parameters mapping. A W&amp;B group (<c>name: {parameters: {...}}</c>) is read in place:
    /// every option is flat here, so a group only gathers options under a label.
    /// </summary>
    private List<ParameterSpec> Parameters(YamlNode node, ISearchMethod method)
    {
        var parameters = new List<(ParameterSpec Spec, SourceLocation Location)>();
        if (node is not YamlMapping mapping)
        {
            Problem(node.Location, "parameters must be a mapping of option names to specs, such as 'lr: {values: [0.0001, 0.0002]}'");
            return [];
        }
        foreach (var (key, spec) in mapping.Entries)
        {
            if (spec is YamlMapping group && group.Entries.Any(e => e.Key.Value == "parameters") && !TrainerOptionCatalog.All.ContainsKey(key.Value))
            {
                var inner = Entries(group, ["parameters"]);
                parameters.AddRange(Parameters(inner["parameters"], method).Select(p => (p, parameterLocations[p.Name])));
                continue;
            }
            if (!TrainerOptionCatalog.All.ContainsKey(key.Value))
                Problem(key.Location, $"unknown key '{TerminalText.Quote(key.Value)}'{Suggest(key.Value, [.. TrainerOptionCatalog.All.Keys])}");
            else if (Parameter(key.Value, spec, method) is { } parameter)
                parameters.Add((parameter with { When = Condition(key.Value, spec) }, key.Location));
        }
        foreach (var duplicate in parameters.GroupBy(p => p.Spec.Name).Where(g => g.Count() > 1))
            Problem(duplicate.Last().Location, $"duplicate key '{TerminalText.Quote(duplicate.Key)}'");
        foreach (var (spec, location) in parameters)
            parameterLocations.TryAdd(spec.Name, location);
        return [.. parameters.Select(p => p.Spec).DistinctBy(p => p.Name)];
    }

    /// <summary>
    /// A parameter's <c>when: {option: value}</c> (or a list of values): the parameter applies only
    /// to trials where that option has one of them, as `width` only to dcgan-small.
    /// </summary>
    private ParameterCondition? Condition(string name, YamlNode spec)
    {
        if ((spec as YamlMapping)?.Entries.FirstOrDefault(e => e.Key.Value == "when").Value is not { } node)
            return null;
        if (node is not YamlMapping { Entries.Count: 1 } mapping)
        {
            Problem(node.Location, $"'{name}': when must name one option and its values, such as {{arch: dcgan-small}}");
            return null;
        }
        var (key, values) = mapping.Entries[0];
        if (!TrainerOptionCatalog.All.ContainsKey(key.Value))
        {
            Problem(key.Location, $"'{name}': when names unknown option '{TerminalText.Quote(key.Value)}'{Suggest(key.Value, [.. TrainerOptionCatalog.All.Keys])}");
            return null;
        }
        if (key.Value == name)
        {
            Problem(key.Location, $"'{name}' cannot depend on itself");
            return null;
        }
        var items = values is YamlSequence sequence ? sequence.Items : [values];
        var parsed = items.Select(item => OptionValue(key.Value, item)).ToList();
        return parsed.Any(v => v is null) || parsed.Count == 0 ? null : new ParameterCondition(key.Value, parsed!);
    }

    /// <summary>Every condition names an option that base or an unconditional parameter sets, so each trial can decide it.</summary>
    private void CheckConditions(IReadOnlyList<ParameterSpec> parameters, IReadOnlyDictionary<string, object> baseOptions)
    {
        foreach (var parameter in parameters.Where(p => p.When is not null))
        {
            var option = parameter.When!.Option;
            var source = parameters.FirstOrDefault(p => p.Name == option);
            if (source?.When is not null)
                Problem(parameterLocations[parameter.Name], $"'{parameter.Name}' depends on '{option}', which is itself conditional; a condition must name an option every trial sets");
            else if (source is null && !baseOptions.ContainsKey(option))
                Problem(parameterLocations[parameter.Name], $"'{parameter.Name}' depends on '{option}', which neither base nor parameters set; set it in one of them");
        }
    }

    private ParameterSpec? Parameter(string name, YamlNode node, ISearchMethod method)
    {
        if (node is not YamlMapping mapping)
        {
            Problem(node.Location, $"'{name}' needs a spec: {{values: [...]}}, {{value: x}} or {{distribution: ..., min: a, max: b}}");
            return null;
        }
        var spec = Entries(mapping, ParameterKeys);
        if (spec.TryGetValue("parameters", out var nested))
        {
            Problem(nested.Location, $"'{name}' is a trainer option, which takes one value; nested parameters group options under a name that is not one");
            return null;
        }
        if (spec.TryGetValue("value", out var constant))
            return OptionValue(name, constant) is { } value ? new ValuesParameter(name, [value]) : null;

        var distributionName = spec.TryGetValue("distribution", out var distributionNode) ? Text(distributionNode, "distribution") : null;
        if (distributionName is "constant")
        {
            Problem(distributionNode!.Location, $"'{name}': a constant takes 'value', not a distribution");
            return null;
        }
        if (distributionName is null && !spec.ContainsKey("values") && (spec.ContainsKey("min") || spec.ContainsKey("max")))
            distributionName = InferredDistribution(name, spec);
        if (distributionName is null or "categorical")
            return Values(name, mapping, spec, method);
        if (!Distributions.TryGetValue(distributionName, out var distribution))
        {
            Problem(distributionNode!.Location, $"unknown distribution '{TerminalText.Quote(distributionName)}'{Suggest(distributionName, [.. Distributions.Keys, "categorical", "constant"])}");
            return null;
        }
        var where = distributionNode ?? mapping;
        if (method is GridSearch)
        {
            Problem(where.Location, $"'{name}' has a {distributionName} distribution, which a grid cannot enumerate; use method: random or list values");
            return null;
        }
        if (TrainerOptionCatalog.All[name].Kind == OptionKind.Text)
        {
            Problem(where.Location, $"'{name}' is not numeric; use values for a categorical choice");
            return null;
        }
        return Range(name, distributionName, distribution.Family, distribution.Quantized, spec, where);
    }

    /// <summary>W&amp;B's rule for {min, max} without a distribution: int_uniform for whole-number bounds, else uniform; a real-valued option is always uniform.</summary>
    private static string InferredDistribution(string name, Dictionary<string, YamlNode> spec)
    {
        static bool Whole(YamlNode? node) => node is YamlScalar { Quoted: false } s && long.TryParse(s.Value, out _);
        return TrainerOptionCatalog.All[name].Kind == OptionKind.Integer && Whole(spec.GetValueOrDefault("min")) && Whole(spec.GetValueOrDefault("max")) ? "int_uniform" : "uniform";
    }

    private ValuesParameter? Values(string name, YamlMapping mapping, Dictionary<string, YamlNode> spec, ISearchMethod method)
    {
        foreach (var key in new[] { "q", "mu", "sigma" }.Where(spec.ContainsKey))
            Problem(KeyLocation(mapping, key), $"'{name}': '{key}' belongs to a distribution; values take only 'probabilities'");
        if (!spec.TryGetValue("values", out var valuesNode))
        {
            Problem(mapping.Location, $"'{name}' needs values, value, or a distribution with min and max");
            return null;
        }
        if (valuesNode is not YamlSequence { Items.Count: > 0 } sequence)
        {
            Problem(valuesNode.Location, $"'{name}': values must be a non-empty list");
            return null;
        }
        var values = sequence.Items.Select(item => OptionValue(name, item)).ToList();
        if (values.Any(v => v is null))
            return null;
        var parameter = new ValuesParameter(name, values!);
        if (!spec.TryGetValue("probabilities", out var chancesNode))
            return parameter;
        if (method is GridSearch)
            Problem(chancesNode.Location, $"'{name}': a grid runs every value, so probabilities do nothing; use method: random, or remove them");
        return Probabilities(name, chancesNode, values.Count) is { } chances ? parameter with { Probabilities = chances } : null;
    }

    private List<double>? Probabilities(string name, YamlNode node, int count)
    {
        if (node is not YamlSequence sequence || sequence.Items.Count != count)
        {
            Problem(node.Location, $"'{name}': probabilities must be a list of {count} numbers, one per value");
            return null;
        }
        var chances = sequence.Items.Select(item => Number(item, $"{name}.probabilities")).ToList();
        if (chances.Any(c => c is null))
            return null;
        if (chances.Any(c => c < 0) || Math.Abs(chances.Sum()!.Value - 1) > 1e-6)
        {
            Problem(node.Location, $"'{name}': probabilities must be at least 0 and add up to 1 (these add up to {TerminalText.Value(chances.Sum()!.Value)})");
            return null;
        }
        return chances.Select(c => c!.Value).ToList();
    }

    private RangeParameter? Range(string name, string distributionName, Distribution family, bool quantized, Dictionary<string, YamlNode> spec, YamlNode where)
    {
        var normal = IsNormal(family);
        foreach (var (key, applies) in new[] { ("min", !normal), ("max", !normal), ("mu", normal), ("sigma", normal), ("q", quantized), ("probabilities", false) })
            if (!applies && spec.TryGetValue(key, out var extra))
                Problem(extra.Location, $"'{name}': {distributionName} takes no '{key}'");
        var whole = TrainerOptionCatalog.All[name].Kind == OptionKind.Integer;
        var q = spec.TryGetValue("q", out var qNode) ? Number(qNode, $"{name}.q") : quantized ? 1 : null;
        if (q is <= 0)
        {
            Problem(qNode!.Location, $"'{name}': q must be greater than 0");
            return null;
        }
        if (normal)
        {
            var mu = spec.TryGetValue("mu", out var muNode) ? Number(muNode, $"{name}.mu") : 0;
            var sigma = spec.TryGetValue("sigma", out var sigmaNode) ? Number(sigmaNode, $"{name}.sigma") : 1;
            if (sigma is <= 0)
                Problem(sigmaNode!.Location, $"'{name}': sigma must be greater than 0");
            if (mu is null || sigma is not > 0)
                return null;
            var center = family == Distribution.LogNormal ? Math.Exp(mu.Value) : mu.Value;
            if (!CheckValue(name, whole ? Math.Round(center) : center, muNode ?? where))
                return null;
            return new RangeParameter(name, family, 0, 0) { Mu = mu.Value, Sigma = sigma.Value, Q = q, Whole = whole };
        }
        var min = spec.TryGetValue("min", out var minNode) ? Number(minNode, $"{name}.min") : null;
        var max = spec.TryGetValue("max", out var maxNode) ? Number(maxNode, $"{name}.max") : null;
        if (minNode is null || maxNode is null)
            Problem(where.Location, $"'{name}': a {distributionName} distribution needs both min and max");
        if (min is null || max is null)
            return null;
        var range = new RangeParameter(name, family, min.Value, max.Value) { Q = q, Whole = whole && family != Distribution.IntUniform };
        if (min > max)
            Problem(minNode!.Location, $"'{name}': min {TerminalText.Value(min.Value)} is greater than max {TerminalText.Value(max.Value)}");
        else if (min == max)
            // A search over one value runs identical trials; bayes would propose the same one again and again.
            Problem(minNode!.Location, $"'{name}': min and max are both {TerminalText.Value(min.Value)}, a range of one value; write {{value: {TerminalText.Value(min.Value)}}} to fix it, or widen the range");
        else if (family is Distribution.LogUniformValues or Distribution.InvLogUniformValues && min <= 0)
            Problem(minNode!.Location, $"'{name}': {distributionName} needs min > 0");
        else if (family == Distribution.IntUniform && (min != Math.Floor(min.Value) || max != Math.Floor(max.Value)))
            Problem(minNode!.Location, $"'{name}': int_uniform needs whole-number min and max");
        else if (CheckBound(range, "min", minNode!) & CheckBound(range, "max", maxNode!))
            return range;
        return null;
    }

    /// <summary>Checks the value a bound stands for; a log_uniform bound, an exponent, is named as written beside the value it gives.</summary>
    private bool CheckBound(RangeParameter range, string key, YamlNode node)
    {
        var bound = key == "min" ? range.Min : range.Max;
        var value = Bound(range, bound);
        var (family, exponent) = range.Distribution switch
        {
            Distribution.LogUniform => ("log_uniform", $"e^{TerminalText.Value(bound)}"),
            Distribution.InvLogUniform => ("inv_log_uniform", $"e^-({TerminalText.Value(bound)})"),
            _ => (null, null),
        };
        var writtenAs = family is null ? null
            : $"'{range.Name}': {key} {TerminalText.Value(bound)} is a natural logarithm ({family}), and {exponent} = {TerminalText.Value(value)}; " +
              $"{family}_values takes the values themselves. ";
        return CheckValue(range.Name, value, node, writtenAs);
    }

    /// <summary>The value a bound stands for: log_uniform's bounds are exponents; a whole-number option's values are rounded.</summary>
    private static object Bound(RangeParameter range, double bound)
    {
        var value = range.Distribution switch
        {
            Distribution.LogUniform => Math.Exp(bound),
            Distribution.InvLogUniform => Math.Exp(-bound),
            _ => bound,
        };
        return range.Whole || range.Distribution == Distribution.IntUniform ? (object)(long)Math.Round(value) : value;
    }
}
