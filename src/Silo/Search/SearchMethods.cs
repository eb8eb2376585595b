namespace Silo.Search;

/// <summary>Every search method, declared once.</summary>
public static class SearchMethods
{
    /// <summary>The most trials one sweep may hold: run_cap may not exceed it.</summary>
    public const int MaxTrials = 100_000;

    /// <summary>The methods, grid first (the default).</summary>
    public static IReadOnlyList<ISearchMethod> All { get; } = [new GridSearch(), new RandomSearch(), new TreeParzenSearch(), new PopulationSearch(), new ScheduleReplay()];

    /// <summary>The method sweep files get when they name none.</summary>
    public static ISearchMethod Default => All[0];

    /// <summary>The method named <paramref name="name"/>, or null.</summary>
    public static ISearchMethod? Find(string name) => All.FirstOrDefault(m => m.Name == name);
}
