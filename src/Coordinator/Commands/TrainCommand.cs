using System.CommandLine;
using System.Globalization;
using Coordinator.Cli;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;

namespace Coordinator.Commands;

/// <summary><c>sweep train</c>: trains and evaluates one configuration, printing progress and the final scores.</summary>
public sealed class TrainCommand() : SweepCommand<TrainSettings>("train", "Train and evaluate one GAN configuration, e.g. sweep train --arch mlp --lr 0.0005 --epochs 5.")
{
    private readonly TrainerOptionBinding trainerOptions = new();
    private readonly Option<string?> output = new("--out", "-o") { Description = "Folder for metrics.jsonl, samples/, checkpoint.pt and evaluation.json (default: runs/train-TIMESTAMP)." };
    private readonly Option<int> threads = new("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
    private readonly Option<bool> noEval = new("--no-eval") { Description = "Skip scoring: no quick scores at epoch ends (the best generator is then the best-balanced one) and no final evaluation." };

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [.. trainerOptions.Options, output, threads, noEval];

    /// <inheritdoc />
    public override TrainSettings Bind(ParseResult parse) => new(
        Options: trainerOptions.Bind(parse),
        OutputDirectory: parse.GetValue(output) ?? Path.Combine("runs", "train-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)),
        Threads: parse.GetValue(threads),
        NoEval: parse.GetValue(noEval));

    /// <inheritdoc />
    public override int Execute(TrainSettings settings, CommandContext context)
    {
        if (WritableFolder.Problem(settings.OutputDirectory, create: true) is { } problem)
            throw new UserInputException($"out {TerminalText.Quote(settings.OutputDirectory, 300)}: cannot write there ({problem}). Choose another --out; nothing was trained.");
        TorchRuntime.Start(settings.Threads);
        var options = settings.Options;
        using var resources = new EvaluationResources(Classifier.DefaultCacheDirectory, context.Out.WriteLine, context.Cancellation);
        var train = resources.TrainingSet(options);
        var device = Gan.Core.Runtime.Devices.Resolve(options.Device);
        var evaluator = settings.NoEval ? null : resources.EvaluatorFor(options, device);
        var quick = settings.NoEval ? null : resources.QuickEvaluatorFor(options, device);
        var sink = new JsonLinesSink(settings.OutputDirectory);
        using var trainer = new Trainer(options, train, sink, evaluator, record => context.Out.WriteLine(Progress(record)), quick);
        context.Out.WriteLine($"Training {options.Arch} on {options.Dataset} ({train.Count} samples) on {trainer.Device}, {trainer.TotalSteps} steps, into {TerminalText.Clean(settings.OutputDirectory)}");

        var result = trainer.Run(context.Cancellation);
        context.Out.WriteLine(Summary(result, sink));
        return result.Status switch
        {
            TrialStatus.Interrupted => ExitCodes.Interrupted,
            TrialStatus.Diverged => ExitCodes.Failure,
            _ => ExitCodes.Ok,
        };
    }

    private static string Progress(MetricRecord r) =>
        FormattableString.Invariant(
            $"step {r.Step,6}  epoch {r.Epoch,3}  loss_d {r[MetricNames.LossD]:F3}  loss_g {r[MetricNames.LossG]:F3}  D(x) {r[MetricNames.DReal]:F3}  D(G(z)) {r[MetricNames.DFakeBefore]:F3}  acc {r[MetricNames.AccuracyReal]:F2}/{r[MetricNames.AccuracyFake]:F2}  {r[MetricNames.StepsPerSecond]:F1} steps/s");

    private static string Summary(TrialResult result, JsonLinesSink sink)
    {
        var lines = new List<string> { $"status        {result.Status.ToString().ToLowerInvariant()} at step {result.Step}" };
        if (result.Message is not null)
            lines.Add($"note          {result.Message}");
        if (result.Evaluation is { } e)
        {
            lines.Add(FormattableString.Invariant($"fid           {e.Fid:F2}{(e.Step is { } step ? $" (generator of step {step})" : "")}"));
            if (e.ClassCounts.Length > 0)
                lines.Add(FormattableString.Invariant($"coverage      {e.Coverage}/{e.ClassCounts.Length} classes (largest share {e.LargestClassShare:P1})"));
            if (e.ClassCounts.Length > 0)
                lines.Add(FormattableString.Invariant($"class score   {e.ClassifierScore:F2}"));
        }
        if (result.Scores.TryGetValue(MetricNames.Precision, out var precision))
            lines.Add(FormattableString.Invariant(
                $"prec/recall   {precision:F3} / {result.Scores[MetricNames.Recall]:F3}  (density {result.Scores[MetricNames.Density]:F3}, coverage {result.Scores[MetricNames.NeighbourCoverage]:F3})"));
        lines.Add($"flags         {(result.Flags == HealthFlags.None ? "none" : result.Flags.ToString())}");
        if (sink.LatestSampleGrid is { } grid)
            lines.Add($"samples       {grid}");
        return string.Join(Environment.NewLine, lines);
    }
}
