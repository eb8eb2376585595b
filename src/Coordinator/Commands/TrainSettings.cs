using System.CommandLine;
using Coordinator.Cli;
using Gan.Core.Metrics;
using Gan.Core.Runtime;
using Gan.Core.Training;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep train</c>: the trainer options, plus where to write and how many threads to use.</summary>
/// <param name="Options">The trial's configuration.</param>
/// <param name="OutputDirectory">The folder to write metrics, samples, the checkpoint and scores into.</param>
/// <param name="Threads">libtorch's intra-op threads.</param>
/// <param name="NoEval">Skip the final evaluation (and the classifier it needs).</param>
public sealed record TrainSettings(TrainerOptions Options, string OutputDirectory, int Threads, bool NoEval) : CommandSettings
{
    /// <inheritdoc />
    public override IEnumerable<string> Validate()
    {
        foreach (var problem in TrainerOptionsValidator.Validate(Options))
            yield return problem;
        if (WorkerPlanSettings.ThreadsProblem(Threads) is { } threads)
            yield return threads;
        if (FileKinds.Of(OutputDirectory) is FileKind.Regular or FileKind.Special)
            yield return $"out = '{TerminalText.Quote(OutputDirectory)}': is a file, not a folder. Name a new folder for the run.";
        else if (File.Exists(Path.Combine(OutputDirectory, JsonLinesSink.MetricsFile)))
            yield return $"out = '{TerminalText.Quote(OutputDirectory)}': holds a run already ({JsonLinesSink.MetricsFile}), which training would mix with this one. Name a new folder.";
    }
}
