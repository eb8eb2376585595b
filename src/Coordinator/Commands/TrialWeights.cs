using Coordinator.Cli;
using Gan.Core.Data;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Models;
using Gan.Core.Training;
using Silo.Stores;
using Silo.Trials;
using static TorchSharp.torch;

namespace Coordinator.Commands;

/// <summary>Which of a trial's stored generators a command uses (<c>sweep generate</c>, <c>sweep export</c>), and why there is none.</summary>
internal static class TrialWeights
{
    /// <summary>
    /// The generator the trial was scored by (its kept best one, unless it says evaluate: last),
    /// or the kept best one with <paramref name="best"/>, or the last one with <paramref name="last"/>.
    /// </summary>
    /// <exception cref="UserInputException">The trial kept no such generator; the message says what to ask for instead.</exception>
    public static TrialArtifact Generator(ISweepStore store, TrialRecord trial, bool best, bool last) =>
        Select(store, trial, best || (!last && trial.Config.Options.Evaluate == TrainerOptions.EvaluateBest), best);

    /// <summary>The generator <paramref name="weights"/> (one of <paramref name="trial"/>'s) hold, built on the CPU for its architecture and its dataset's sample shape.</summary>
    public static nn.Module<Tensor, Tensor> Load(TrialRecord trial, TrialArtifact weights)
    {
        var options = trial.Config.Options;
        return Architectures.LoadGenerator(options.Arch, options.EffectiveLatentSize, options.Width, Shape(trial), weights.Bytes, CPU);
    }

    /// <summary>The shape of the samples the trial's generator makes: its dataset's, at its image_size and channels.</summary>
    /// <exception cref="Gan.Core.GanException">The trial's image folder is missing here and its channels were not given.</exception>
    public static SampleShape Shape(TrialRecord trial) => DatasetCatalog.ShapeOf(trial.Config.Options.DatasetSpec, Classifier.DefaultCacheDirectory);

    /// <summary>
    /// The generator's weights: the kept best ones when <paramref name="best"/> (falling back to
    /// the latest unless <paramref name="onlyBest"/>); else a finished trial's final ones, or an
    /// unfinished trial's latest checkpoint, which holds the generator too.
    /// </summary>
    private static TrialArtifact Select(ISweepStore store, TrialRecord trial, bool best, bool onlyBest)
    {
        var kept = best ? store.Artifact(trial.Id, ArtifactKind.BestGenerator) : null;
        if (kept is not null || onlyBest)
            return kept ?? throw new UserInputException($"Trial {trial.Id} has no best generator: one is kept at its first quick score, at the end of its first epoch. Use --last for its latest weights.");
        return store.Artifact(trial.Id, ArtifactKind.Generator) ?? store.Artifact(trial.Id, ArtifactKind.Checkpoint)
            ?? throw new UserInputException(trial.Status == TrialStates.Diverged
                ? $"Trial {trial.Id} diverged before its first quick score, so no generator of it was kept."
                : $"Trial {trial.Id} has no checkpoint yet, so there is no generator to sample.");
    }
}
