using Silo.Trials;

namespace Silo.Search;

/// <summary>
/// How a sweep chooses its trials: the ones stored when it is created, and, for a method that
/// learns, one more each time a slot finds none queued. A new method is a class of this and one
/// line in <see cref="SearchMethods.All"/>.
/// </summary>
public interface ISearchMethod
{
    /// <summary>The name sweep files give as <c>method</c>.</summary>
    string Name { get; }

    /// <summary>Whether it proposes trials as earlier ones score (rather than storing every trial at once).</summary>
    bool Learns { get; }

    /// <summary>What a sweep file of this method must say besides its parameters, as a problem; null when <paramref name="hasRunCap"/> and <paramref name="hasBudget"/> suffice.</summary>
    string? Requirement(bool hasRunCap, bool hasBudget);

    /// <summary>The trials stored with the sweep when it is created.</summary>
    IReadOnlyList<TrialConfig> InitialTrials(SearchSpace space);

    /// <summary>How many more trials it may propose once <paramref name="stored"/> exist; 0 for a method that stores every trial at once.</summary>
    int Remaining(SearchSpace space, int stored);

    /// <summary>
    /// The next trial, proposed from how the stored ones scored (<paramref name="history"/>, in
    /// trial-number order); null when none can be proposed until trials running now end.
    /// <paramref name="index"/> is how many are stored: the new trial's place from 0, unless the
    /// proposal names its own (<see cref="Proposal.Index"/>).
    /// </summary>
    Proposal? Propose(SearchSpace space, IReadOnlyList<SearchObservation> history, int index);

    /// <summary>Whether an ended trial of <paramref name="config"/> keeps its checkpoint, for a later trial that goes on from it.</summary>
    bool KeepsCheckpoint(SearchSpace space, TrialConfig config);

    /// <summary>How a run describes its start: "8 trials (grid)".</summary>
    string Describe(SearchSpace space, int initial);
}
