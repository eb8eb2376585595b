using Gan.Core.Training;

namespace Silo.Trials;

/// <summary>The trainer's rules for one option's value alone, as sweep files and random draws are checked against them.</summary>
public static class OptionRules
{
    /// <summary>The trainer's problems with option <paramref name="name"/> set to <paramref name="value"/> alone.</summary>
    public static List<string> Problems(string name, object value) =>
        TrainerOptionsValidator.Validate(TrialOption.All[name].Apply(new TrainerOptions(), value))
            .Where(p => p.StartsWith(name + " =", StringComparison.Ordinal)).Select(p => p.TrimEnd('.')).ToList();

    /// <summary>Whether the trainer takes <paramref name="value"/> for option <paramref name="name"/>.</summary>
    public static bool Allows(string name, object value) => Problems(name, value).Count == 0;
}
