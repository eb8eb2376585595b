using System.CommandLine;
using Coordinator.Cli;
using Gan.Core.Training;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep train</c>: the trainer options, plus where to write and how many threads to use.</summary>
public sealed class TrainSettings : CommandSettings
{
    /// <summary>The trial's configuration.</summary>
    public required TrainerOptions Options { get; init; }

    /// <summary>The folder to write metrics, samples, the checkpoint and scores into.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>libtorch's intra-op threads.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Skip the final evaluation (and the classifier it needs).</summary>
    public bool NoEval { get; init; }

    /// <inheritdoc />
    public override IEnumerable<string> Validate()
    {
        foreach (var problem in TrainerOptionsValidator.Validate(Options))
            yield return problem;
        if (Threads < 1)
            yield return $"threads = {Threads}: must be at least 1.";
    }
}
