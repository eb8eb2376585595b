using System.CommandLine;
using Coordinator.Cli;
using Gan.Core.Data;
using Gan.Core.Models;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep export</c>.</summary>
/// <param name="Trial">The trial.</param>
/// <param name="Output">The weights' file: .pt or .pth (PyTorch's format) or .safetensors; the definition goes beside it as .json.</param>
/// <param name="Best">Export the kept best generator, whatever the trial was scored by.</param>
/// <param name="Last">Export the generator of the last step trained, whatever the trial was scored by.</param>
public sealed record ExportSettings(TrialSettings Trial, string Output, bool Best, bool Last) : CommandSettings
{
    /// <summary>The extensions the weights' file may have.</summary>
    public static readonly string[] Extensions = [".pt", ".pth", ".safetensors"];

    /// <inheritdoc />
    public override IEnumerable<string> Validate()
    {
        if (!Extensions.Contains(Path.GetExtension(Output), StringComparer.OrdinalIgnoreCase))
            yield return $"out = '{TerminalText.Quote(Output)}': must end in {string.Join(", ", Extensions)} (the definition is written beside it as .json).";
        if (Best && Last)
            yield return "--best and --last: choose one; without either, the generator the trial was scored by is exported.";
    }
}

/// <summary><c>sweep export ID -o generator.pt</c>: the generator a trial was scored by, as weights PyTorch loads, with its definition beside them.</summary>
public sealed class ExportCommand() : SweepCommand<ExportSettings>("export", "Write the generator a trial was scored by (its best; --last for the last) as a PyTorch state_dict (.pt) or safetensors, with its definition beside it (.json); python/sweep_generator.py loads both.")
{
    private readonly TrialInputs trial = new(withArtifacts: true);
    private readonly Option<string> output = new("--out", "-o") { Description = "The weights' file: .pt or .pth (torch.load reads it) or .safetensors; the definition is written beside it as .json.", DefaultValueFactory = _ => "generator.pt" };
    private readonly Option<bool> best = new("--best") { Description = "Export the kept best generator: the lowest quick FID at an epoch end (the toy lab: D outputs closest to 0.5)." };
    private readonly Option<bool> last = new("--last") { Description = "Export the generator of the last step trained, not the best one." };

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [.. trial.Symbols, output, best, last];

    /// <inheritdoc />
    public override ExportSettings Bind(ParseResult parse) => new(
        Trial: trial.Bind(parse),
        Output: parse.GetValue(output)!,
        Best: parse.GetValue(best),
        Last: parse.GetValue(last));

    /// <inheritdoc />
    public override int Execute(ExportSettings settings, CommandContext context)
    {
        var definitionPath = GeneratorExport.DefinitionPath(settings.Output);
        // Both files are checked before anything is read or written.
        OutputFile.Check(settings.Output, "out");
        OutputFile.Check(definitionPath, "out");
        var (store, trial) = settings.Trial.Open();
        using (store)
        {
            var weights = TrialWeights.Generator(store, trial, settings.Best, settings.Last);
            var options = trial.Config.Options;
            var shape = TrialWeights.Shape(trial);
            using var generator = TrialWeights.Load(trial, weights);
            OutputFile.Write(settings.Output, "out", stream => GeneratorExport.WriteWeights(generator, stream, GeneratorExport.IsSafetensors(settings.Output)));
            var definition = new GeneratorDefinition(options.Arch, options.EffectiveLatentSize, options.Width, shape.Dimensions,
                shape.IsImage ? "images, channels first, pixels in [-1, 1] (tanh)" : "1-D values, unscaled");
            OutputFile.Write(definitionPath, "out", GeneratorExport.DefinitionJson(definition));
            context.Out.WriteLine($"Wrote trial {trial.Id}'s generator of step {weights.Step} to {TerminalText.Clean(settings.Output)} and its definition to {TerminalText.Clean(definitionPath)}.");
            context.Out.WriteLine("In Python: sweep_generator.load(path) (python/sweep_generator.py) builds the network and loads them.");
        }
        return ExitCodes.Ok;
    }
}
