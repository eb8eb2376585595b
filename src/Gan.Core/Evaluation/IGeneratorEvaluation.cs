using static TorchSharp.torch;

namespace Gan.Core.Evaluation;

/// <summary>
/// How a trial's final generator is scored, which depends on its dataset: images by a classifier,
/// FID and neighbourhood scores (<c>Training.ImageEvaluation</c> over an <see cref="Evaluator"/>), the toy lab's values against its known density
/// (<c>Training.ToyLabEvaluation</c>). <c>EvaluationResources.EvaluatorFor</c> picks one.
/// </summary>
public interface IGeneratorEvaluation
{
    /// <summary>Scores <paramref name="generator"/> on latent vectors drawn from a generator seeded with <paramref name="seed"/>.</summary>
    GeneratorScores Evaluate(nn.Module<Tensor, Tensor> generator, int latentSize, ulong seed);
}

/// <summary>What scoring a generator found: a quality report, and scores that are recorded as metrics at the last step.</summary>
/// <param name="Report">The image scores (FID, coverage, classifier score); null where the dataset has none.</param>
/// <param name="Metrics">Scores recorded beside the training metrics (the toy lab's); empty where there are none.</param>
public sealed record GeneratorScores(QualityReport? Report, IReadOnlyDictionary<string, double> Metrics);
