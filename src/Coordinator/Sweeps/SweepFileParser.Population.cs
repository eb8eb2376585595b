using Coordinator.Cli;
using Gan.Core.Training;
using Silo.Search;

namespace Coordinator.Sweeps;

public sealed partial class SweepFileParser
{
    private static readonly string[] PopulationKeys = ["population", "perturbation_interval", "quantile_fraction", "resample_probability", "hyperparam_mutations"];

    /// <summary>The most members a population may have: each trains side by side with the others.</summary>
    private const int MaxPopulation = 1_000;

    /// <summary>
    /// The <c>pbt</c> section of a <c>method: pbt</c> sweep (Ray Tune's names), with base's steps:
    /// every member trains them, in stretches of perturbation_interval. Explore changes the swept
    /// options in hyperparam_mutations, by default every swept option that may change while a
    /// network trains; one that shapes the networks or the data is refused where it is named.
    /// </summary>
    private PopulationSettings? Population(YamlNode? node, YamlNode top, IReadOnlyDictionary<string, object> baseOptions, YamlNode? baseNode, IReadOnlyList<ParameterSpec> parameters)
    {
        var mapping = node as YamlMapping;
        if (node is not null && mapping is null)
        {
            Problem(node.Location, "pbt must be a mapping such as {population: 8, perturbation_interval: 500}");
            return null;
        }
        var entries = mapping is null ? new Dictionary<string, YamlNode>() : Entries(mapping, PopulationKeys);
        if (baseOptions.GetValueOrDefault("steps") is not long steps)
        {
            Problem((baseNode ?? top).Location, "method: pbt trains every member for base's steps, in stretches of perturbation_interval; give steps in base (epochs are not split into stretches)");
            return null;
        }
        if (parameterLocations.TryGetValue("steps", out var sweptSteps))
            Problem(sweptSteps, "method: pbt trains every member for the same steps; set steps in base, not in parameters");
        if (baseOptions.GetValueOrDefault("evaluate") is TrainerOptions.EvaluateBest)
            Problem((baseNode ?? top).Location, "method: pbt compares members by the generator each stretch ends with; evaluate: best does not apply, so drop it");
        var size = entries.TryGetValue("population", out var sizeNode) ? PositiveInteger(sizeNode, "pbt.population", max: MaxPopulation) : PopulationSettings.DefaultSize;
        if (size < 2)
            Problem(sizeNode!.Location, "pbt.population must be at least 2: a member exploits another");
        var interval = entries.TryGetValue("perturbation_interval", out var intervalNode)
            ? PositiveInteger(intervalNode, "pbt.perturbation_interval")
            : Math.Max(1, steps / 10);
        if (interval >= steps)
            Problem((intervalNode ?? baseNode ?? top).Location, $"pbt.perturbation_interval {interval} must be less than steps {steps}, or the members are never compared");
        var quantile = entries.TryGetValue("quantile_fraction", out var quantileNode)
            ? Bounded(quantileNode, "pbt.quantile_fraction", 0, 0.5, openLow: true) ?? PopulationSettings.DefaultQuantileFraction
            : PopulationSettings.DefaultQuantileFraction;
        var resample = entries.TryGetValue("resample_probability", out var resampleNode)
            ? Bounded(resampleNode, "pbt.resample_probability", 0, 1, openLow: false) ?? PopulationSettings.DefaultResampleProbability
            : PopulationSettings.DefaultResampleProbability;
        var mutations = entries.TryGetValue("hyperparam_mutations", out var mutationsNode)
            ? Mutations(mutationsNode, parameters)
            : [.. parameters.Where(p => TrainerOptionCatalog.All[p.Name].Mutable).Select(p => p.Name)];
        if (mutationsNode is null && mutations.Count == 0)
            Problem((node ?? top).Location, $"method: pbt explores by changing swept options while the members train, and none of the swept ones may change: sweep one of {MutableNames}");
        var population = new PopulationSettings(size, interval, steps, quantile, resample, mutations);
        if (population.Trials > SearchMethods.MaxTrials)
            Problem((sizeNode ?? intervalNode ?? node ?? top).Location, $"pbt trains {population.Trials} trials (population × stretches), more than the {SearchMethods.MaxTrials} a sweep may hold; shrink the population or lengthen perturbation_interval");
        return population;
    }

    private List<string> Mutations(YamlNode node, IReadOnlyList<ParameterSpec> parameters)
    {
        var names = new List<string>();
        foreach (var item in node is YamlSequence sequence ? sequence.Items : [node])
        {
            if (Text(item, "pbt.hyperparam_mutations") is not { } name)
                continue;
            if (!TrainerOptionCatalog.All.TryGetValue(name, out var option))
                Problem(item.Location, $"'{TerminalText.Quote(name)}' is not a trainer option{Suggest(name, [.. TrainerOptionCatalog.All.Keys])}");
            else if (!option.Mutable)
                Problem(item.Location, $"{name} shapes the networks, the data or the optimizer, so a member cannot change it while it trains; pbt may mutate {MutableNames}");
            else if (parameters.All(p => p.Name != name))
                Problem(item.Location, $"{name} is not swept: give it values or a distribution under parameters, which explore draws from");
            else if (!names.Contains(name))
                names.Add(name);
        }
        return names;
    }

    private static string MutableNames => string.Join(", ", TrainerOptionCatalog.List.Where(o => o.Mutable).Select(o => o.Name));
}
