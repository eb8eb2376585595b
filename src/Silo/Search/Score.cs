using System.Globalization;
using Gan.Core.Metrics;
using Silo.Stores;

namespace Silo.Search;

/// <summary>Where a score appears in the results table.</summary>
public enum ScoreColumn
{
    /// <summary>Not in the table (JSON, the report and sweep metrics have it).</summary>
    None,
    /// <summary>A column of image trials' tables.</summary>
    Image,
    /// <summary>A column of toy-lab trials' tables.</summary>
    Toy,
}

/// <summary>
/// The one declaration of a score that ranks trials: its name (in sweep files, the table,
/// <c>--sort</c>, CSV, JSON and the report alike), its direction, how it is shown, where a trial's
/// value comes from, and the quick score early stopping compares in its stead during training.
/// </summary>
/// <param name="Name">The score's one name.</param>
/// <param name="Minimize">Whether lower is better.</param>
/// <param name="Column">Where the results table shows it.</param>
/// <param name="Value">A trial's value, from its evaluation or its last metric record; null when it has none yet.</param>
/// <param name="Format">The .NET format the table rounds it with.</param>
public sealed record Score(string Name, bool Minimize, ScoreColumn Column, Func<StoredEvaluation?, MetricRecord?, double?> Value, string Format)
{
    /// <summary>The metric recorded during training that stands in for this score when early stopping compares trials; null when none does.</summary>
    public string? Quick { get; init; }

    /// <summary>How the table shows a value differently from <see cref="Format"/>, if it does (coverage as 7/10).</summary>
    public Func<StoredEvaluation, string>? Display { get; init; }

    /// <summary>A trial's value as the table shows it; empty when it has none.</summary>
    public string Show(StoredEvaluation? evaluation, MetricRecord? final) =>
        Display is { } display && evaluation is not null ? display(evaluation)
        : Value(evaluation, final)?.ToString(Format, CultureInfo.InvariantCulture) ?? "";
}
