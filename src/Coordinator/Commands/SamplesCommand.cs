using System.CommandLine;
using Coordinator.Cli;
using Silo.Stores;
using Gan.Core.Metrics;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep samples</c>.</summary>
/// <param name="Trial">The trial.</param>
/// <param name="Epoch">The epoch whose grid to export; the latest if none.</param>
/// <param name="Output">The PNG file to write.</param>
public sealed record SamplesSettings(TrialSettings Trial, long? Epoch, string Output) : CommandSettings;

/// <summary><c>sweep samples ID [--epoch N] -o grid.png</c>: exports a stored sample grid.</summary>
public sealed class SamplesCommand() : SweepCommand<SamplesSettings>("samples", "Export a trial's 10×10 sample grid (PNG) from an epoch, by default the latest.")
{
    private readonly TrialInputs trial = new();
    private readonly Option<long?> epoch = new("--epoch") { Description = "The epoch (default: the latest)." };
    private readonly Option<string> output = new("--out", "-o") { Description = "The PNG file to write.", DefaultValueFactory = _ => "grid.png" };

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [.. trial.Symbols, epoch, output];

    /// <inheritdoc />
    public override SamplesSettings Bind(ParseResult parse) => new(Trial: trial.Bind(parse), Epoch: parse.GetValue(epoch), Output: parse.GetValue(output)!);

    /// <inheritdoc />
    public override int Execute(SamplesSettings settings, CommandContext context)
    {
        OutputFile.Check(settings.Output, "out");
        var (store, trial) = settings.Trial.Open();
        using (store)
        {
            var grid = store.Artifact(trial.Id, ArtifactKind.SampleGrid, settings.Epoch)
                ?? throw new UserInputException($"Trial {trial.Id} has no sample grid{(settings.Epoch is { } e ? $" for epoch {e}" : "")} yet.");
            OutputFile.Write(settings.Output, "out", grid.Bytes);
            context.Out.WriteLine($"Wrote trial {trial.Id}'s samples from epoch {grid.Epoch} (step {grid.Step}) to {TerminalText.Clean(settings.Output)}.");
        }
        return ExitCodes.Ok;
    }
}
