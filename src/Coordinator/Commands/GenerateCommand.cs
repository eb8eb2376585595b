using System.CommandLine;
using Coordinator.Cli;
using Gan.Core.Data;
using Gan.Core.Imaging;
using Gan.Core.Metrics;
using Gan.Core.Models;
using static TorchSharp.torch;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep generate</c>.</summary>
/// <param name="Trial">The trial.</param>
/// <param name="Count">How many samples.</param>
/// <param name="Output">An IDX file (.idx or .idx.gz), a NumPy array (.npy), or a folder (ending in /) for one PNG per sample.</param>
/// <param name="Seed">The seed of the latent vectors.</param>
/// <param name="Best">Sample the kept best generator, whatever the trial was scored by.</param>
/// <param name="Last">Sample the generator of the last step trained, whatever the trial was scored by.</param>
public sealed record GenerateSettings(TrialSettings Trial, int Count, string Output, ulong Seed, bool Best, bool Last) : CommandSettings
{
    /// <summary>The most samples one call draws: 1,000,000 MNIST-size images are 784 MB of IDX, and byte offsets stay within an int.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>Whether the samples go to a folder of PNGs rather than one IDX file.</summary>
    public bool ToFolder => Output.EndsWith('/');

    /// <inheritdoc />
    public override IEnumerable<string> Validate()
    {
        if (Count is < 1 or > MaxCount)
            yield return $"n = {Count}: must be from 1 to {MaxCount}.";
        if (!ToFolder && Directory.Exists(Output))
            yield return $"out = '{TerminalText.Quote(Output)}': is a folder; end it with / for one PNG per sample, or name a file such as samples.idx.gz or samples.npy.";
        if (ToFolder && File.Exists(Output.TrimEnd('/')))
            yield return $"out = '{TerminalText.Quote(Output)}': is a file, not a folder; name a folder for one PNG per sample.";
        if (Best && Last)
            yield return "--best and --last: choose one; without either, the generator the trial was scored by is sampled.";
    }
}

/// <summary><c>sweep generate ID -n 2000 -o samples.idx.gz</c>: draws new samples from the generator a trial was scored by (its best, unless it says evaluate: last).</summary>
public sealed class GenerateCommand() : SweepCommand<GenerateSettings>("generate", "Draw new samples from the generator a trial was scored by (its best; --last for the last), as an IDX file, a NumPy array or a folder of PNGs.")
{
    private readonly TrialInputs trial = new(withArtifacts: true);
    private readonly Option<int> count = new("-n") { Description = "How many samples.", DefaultValueFactory = _ => 2000 };
    private readonly Option<string> output = new("--out", "-o") { Description = "An IDX file (MNIST format, uint8; .gz to compress), a .npy file (NumPy's format: one uint8 array, samples × H × W, × 3 in colour), or a folder ending in / for one PNG per sample (grey or RGB).", DefaultValueFactory = _ => "samples.idx.gz" };
    private readonly Option<ulong> seed = new("--seed") { Description = "Seed of the latent vectors.", DefaultValueFactory = _ => 0 };
    private readonly Option<bool> best = new("--best") { Description = "Sample the kept best generator: the lowest quick FID at an epoch end (the toy lab: D outputs closest to 0.5)." };
    private readonly Option<bool> last = new("--last") { Description = "Sample the generator of the last step trained, not the best one." };

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [.. trial.Symbols, count, output, seed, best, last];

    /// <inheritdoc />
    public override GenerateSettings Bind(ParseResult parse) => new(
        Trial: trial.Bind(parse),
        Count: parse.GetValue(count),
        Output: parse.GetValue(output)!,
        Seed: parse.GetValue(seed),
        Best: parse.GetValue(best),
        Last: parse.GetValue(last));

    /// <inheritdoc />
    public override int Execute(GenerateSettings settings, CommandContext context)
    {
        CheckWritable(settings);
        var (store, trial) = settings.Trial.Open();
        byte[] pixels;
        SampleShape shape;
        TrialArtifact checkpoint;
        using (store)
        {
            checkpoint = TrialWeights.Generator(store, trial, settings.Best, settings.Last);
            var options = trial.Config.Options;
            shape = TrialWeights.Shape(trial);
            if (!shape.IsImage)
                throw new UserInputException($"Trial {trial.Id} is a toy trial: its generator makes numbers, not images. 'sweep samples' shows its histograms; 'sweep trial' its scores.");
            using var generator = TrialWeights.Load(trial, checkpoint);
            using var noise = new Generator(settings.Seed, CPU);
            using var noGrad = no_grad();
            pixels = new byte[settings.Count * shape.Size];
            GeneratorSampling.InBatches(generator, settings.Count, options.EffectiveLatentSize, noise, CPU,
                (start, images) => SampleGrid.ToBytes(images).CopyTo(pixels, start * shape.Size));
        }

        if (settings.ToFolder)
        {
            for (var i = 0; i < settings.Count; i++)
                OutputFile.Write(Path.Combine(settings.Output, $"sample-{i:D5}.png"), "out", PngEncoder.EncodePlanes(pixels.AsSpan(i * shape.Size, shape.Size), shape.Width, shape.Height, shape.Channels));
        }
        else
        {
            // Arrays hold images as files and NumPy do: [N, H, W] grey, [N, H, W, 3] colour (channels last).
            var array = shape.Channels == 1
                ? new IdxArray([settings.Count, shape.Height, shape.Width], pixels)
                : new IdxArray([settings.Count, shape.Height, shape.Width, shape.Channels],
                    [.. Enumerable.Range(0, settings.Count).SelectMany(i => PngEncoder.Interleave(pixels.AsSpan(i * shape.Size, shape.Size), shape.Channels))]);
            OutputFile.Write(settings.Output, "out", file =>
            {
                if (NpyFile.Is(settings.Output))
                    NpyFile.Write(file, array);
                else
                    IdxFile.Write(file, array, IdxFile.Compressed(settings.Output));
            });
        }
        context.Out.WriteLine($"Wrote {settings.Count} samples from trial {trial.Id}'s generator of step {checkpoint.Step} to {TerminalText.Clean(settings.Output)}.");
        return ExitCodes.Ok;
    }

    /// <summary>Fails before any sample is drawn if the output cannot be written (a missing or read-only folder, a device, a FIFO).</summary>
    private static void CheckWritable(GenerateSettings settings)
    {
        if (!settings.ToFolder)
        {
            OutputFile.Check(settings.Output, "out");
            return;
        }
        if (WritableFolder.Problem(settings.Output, create: true) is { } problem)
            throw new UserInputException($"out {TerminalText.Quote(settings.Output, 300)}: cannot write there ({problem}). Choose another --out; nothing was generated.");
    }
}
