using System.CommandLine;
using System.Globalization;
using System.Text;
using Coordinator.Cli;
using Coordinator.Report;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep report</c>.</summary>
/// <param name="Sweep">The sweep's name.</param>
/// <param name="Store">Where the sweeps are stored.</param>
/// <param name="Output">The HTML file to write.</param>
/// <param name="Trials">The trials to show, as given: ids separated by commas; every trial when null.</param>
public sealed record ReportSettings(string Sweep, StoreLocation Store, string Output, string? Trials) : StoredSweepSettings(Sweep, Store)
{
    /// <inheritdoc />
    public override IEnumerable<string> Validate()
    {
        if (Trials is not null && TrialIds() is null)
            yield return $"trials = '{TerminalText.Quote(Trials)}': must be trial ids separated by commas, such as 3,5,8.";
    }

    /// <summary>The trial ids <see cref="Trials"/> names; null when it names none or is not a list of ids.</summary>
    public IReadOnlyList<long>? TrialIds()
    {
        if (Trials is null)
            return null;
        var parts = Trials.Split(',', StringSplitOptions.TrimEntries);
        var ids = parts.Select(p => long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : (long?)null).ToList();
        return ids.All(id => id is not null) ? [.. ids.Select(id => id!.Value).Distinct()] : null;
    }
}

/// <summary><c>sweep report NAME [-o report.html] [--trials IDS]</c>: writes a sweep's self-contained HTML report.</summary>
public sealed class ReportCommand() : SweepCommand<ReportSettings>("report", "Write a sweep's report as one HTML file that opens offline: results, hyperparameter effects, curves, sample grids.")
{
    private readonly Argument<string> sweep = new("name") { Description = "The sweep." };
    private readonly StoreOptions store = new();
    private readonly Option<string> output = new("--out", "-o") { Description = "The HTML file to write.", DefaultValueFactory = _ => "report.html" };
    private readonly Option<string?> trials = new("--trials") { Description = $"Only these trials, by id: 3,5,8 (default: every trial, or the best {ReportBuilder.DetailedTrials} of a larger sweep, with the whole sweep in the effect charts)." };

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [sweep, .. store.Symbols, output, trials];

    /// <inheritdoc />
    public override ReportSettings Bind(ParseResult parse) => new(
        Sweep: parse.GetValue(sweep)!,
        Store: store.Bind(parse),
        Output: parse.GetValue(output)!,
        Trials: parse.GetValue(trials));

    /// <inheritdoc />
    public override int Execute(ReportSettings settings, CommandContext context)
    {
        OutputFile.Check(settings.Output, "out");
        using var reader = SweepStoreFactory.OpenReadOnly(settings.Store);
        SweepLookup.Require(reader, settings.Sweep, settings.Store);
        var model = ReportBuilder.Build(reader, settings.Sweep, settings.TrialIds());
        var html = Encoding.UTF8.GetBytes(ReportPage.Html(model));
        OutputFile.Write(settings.Output, "out", html);
        context.Out.WriteLine(FormattableString.Invariant(
            $"Wrote the report of sweep {TerminalText.Clean(model.Sweep)} ({Shown(model)}, {html.Length / 1e6:F1} MB) to {TerminalText.Clean(settings.Output)}."));
        return ExitCodes.Ok;
    }

    /// <summary>"8 trials", or "100 of 100000 trials shown whole" when the report shows only some of them.</summary>
    private static string Shown(ReportModel model) =>
        model.Trials.Count == model.Population.Trials
            ? $"{model.Trials.Count} trial{(model.Trials.Count == 1 ? "" : "s")}"
            : $"{model.Trials.Count} of {model.Population.Trials} trials shown whole";
}
