using Coordinator.Cli;
using Silo.Stores;

namespace Coordinator.Results;

/// <summary>
/// The options whose values differ between the trials seen, in the order they first appeared:
/// what a sweep varies, and so what its tables and progress lines name. A trial that does not set
/// an option counts as the empty value, as tables show it. It takes trials as they come, so a
/// progress view that sees a sweep's trials a few at a time keeps one and adds to it.
/// </summary>
public sealed class SweptOptions
{
    // The first value seen of each option (empty where a trial does not set it); an option is
    // swept once another value shows up, and then no more of its values need keeping.
    private readonly Dictionary<string, string> firstValues = [];
    private readonly List<string> order = [];
    private readonly HashSet<string> swept = [];
    private bool seenAny;

    /// <summary>The swept options among the trials seen so far.</summary>
    public IReadOnlyList<string> Keys => [.. order.Where(swept.Contains)];

    /// <summary>The swept options among <paramref name="trials"/>.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<TrialRecord> trials) => new SweptOptions().See(trials).Keys;

    /// <summary>Takes more trials into account; returns this.</summary>
    public SweptOptions See(IEnumerable<TrialRecord> trials)
    {
        foreach (var trial in trials)
        {
            foreach (var key in trial.Config.Keys.Where(k => !firstValues.ContainsKey(k)))
            {
                order.Add(key);
                // The trials seen before did not set it: empty, as tables show them.
                firstValues[key] = seenAny ? "" : TerminalText.Value(trial.Config, key);
            }
            foreach (var key in order.Where(k => !swept.Contains(k) && firstValues[k] != TerminalText.Value(trial.Config, k)))
                swept.Add(key);
            seenAny = true;
        }
        return this;
    }
}
