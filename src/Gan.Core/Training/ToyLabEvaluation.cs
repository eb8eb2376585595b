using Gan.Core.Data;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Models;
using static TorchSharp.torch;

namespace Gan.Core.Training;

/// <summary>The toy lab's scores: <see cref="GaussianSet.ScoredCount"/> generated values against the known density (W1, mean and std errors).</summary>
/// <param name="data">The lab's data, which knows its density.</param>
/// <param name="device">Where the latent vectors are drawn.</param>
public sealed class ToyLabEvaluation(GaussianSet data, Device device) : IGeneratorEvaluation
{
    /// <inheritdoc />
    public GeneratorScores Evaluate(nn.Module<Tensor, Tensor> generator, int latentSize, ulong seed) =>
        GeneratorSampling.Scored(generator, seed, device, noise =>
        {
            var (wasserstein, meanError, stdError) = data.Score(generator.forward(randn([GaussianSet.ScoredCount, latentSize], device: device, generator: noise)));
            return new GeneratorScores(null, new Dictionary<string, double>
            {
                [MetricNames.Wasserstein] = wasserstein,
                [MetricNames.MeanError] = meanError,
                [MetricNames.StdError] = stdError,
            });
        });
}
