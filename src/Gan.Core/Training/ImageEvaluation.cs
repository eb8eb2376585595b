using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using static TorchSharp.torch;

namespace Gan.Core.Training;

/// <summary>
/// How an image trial's final generator is scored: its dataset's <see cref="Evaluator"/> gives the
/// quality report, and precision, recall, density and coverage are recorded as the trial's last
/// metrics, under their names in <see cref="MetricNames"/>.
/// </summary>
/// <param name="evaluator">The dataset's evaluator (which the caller owns).</param>
public sealed class ImageEvaluation(Evaluator evaluator) : IGeneratorEvaluation
{
    /// <inheritdoc />
    public GeneratorScores Evaluate(nn.Module<Tensor, Tensor> generator, int latentSize, ulong seed)
    {
        var (report, neighbourhood) = evaluator.Score(generator, latentSize, seed);
        return new GeneratorScores(report, new Dictionary<string, double>
        {
            [MetricNames.Precision] = neighbourhood.Precision,
            [MetricNames.Recall] = neighbourhood.Recall,
            [MetricNames.Density] = neighbourhood.Density,
            [MetricNames.NeighbourCoverage] = neighbourhood.Coverage,
        });
    }
}
