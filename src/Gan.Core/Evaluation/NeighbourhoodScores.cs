using static TorchSharp.torch;

namespace Gan.Core.Evaluation;

/// <summary>
/// Precision, recall (Kynkäänniemi et al. 2019), density and coverage (Naeem et al. 2020), as
/// StudioGAN reports them, with k = 5 nearest neighbours in the classifier's feature space.
/// Each real or generated sample owns a ball reaching its k-th nearest neighbour of its own
/// kind. Precision is the share of generated samples inside some real ball (fidelity); recall
/// the share of real samples inside some generated ball (diversity); density counts the real
/// balls around each generated sample, over k (fidelity robust to outliers); coverage is the
/// share of real balls that hold a generated sample (diversity robust to outliers). A collapsed
/// generator keeps its precision and loses its recall and coverage.
/// </summary>
public sealed class NeighbourhoodScores : IDisposable
{
    /// <summary>The neighbours a ball reaches.</summary>
    public const int K = 5;

    private readonly Tensor real;
    private readonly Tensor realRadii;

    /// <summary>Fits the real features [N, D] (N greater than <see cref="K"/>).</summary>
    public NeighbourhoodScores(Tensor realFeatures)
    {
        using var scope = NewDisposeScope();
        real = realFeatures.detach().to(float64).DetachFromDisposeScope();
        realRadii = Radii(real).DetachFromDisposeScope();
    }

    /// <summary>The four scores of generated features [M, D] (M greater than <see cref="K"/>).</summary>
    public Neighbourhood Of(Tensor generatedFeatures)
    {
        using var scope = NewDisposeScope();
        var fake = generatedFeatures.detach().to(float64);
        var fakeRadii = Radii(fake);
        // distances[i, j]: real i to generated j.
        var distances = cdist(real, fake);
        var inRealBalls = distances <= realRadii.unsqueeze(1);
        var precision = inRealBalls.any(dim: 0).to(float64).mean().item<double>();
        var recall = (distances <= fakeRadii.unsqueeze(0)).any(1).to(float64).mean().item<double>();
        var density = inRealBalls.to(float64).sum(dim: 0).mean().item<double>() / K;
        var coverage = (distances.min(1).values <= realRadii).to(float64).mean().item<double>();
        return new Neighbourhood(precision, recall, density, coverage);
    }

    // The distance from each sample to its k-th nearest other sample: the (k+1)-th smallest, the first being itself.
    private static Tensor Radii(Tensor features) => cdist(features, features).kthvalue(K + 1, 1).values;

    /// <summary>Frees the real features.</summary>
    public void Dispose()
    {
        real.Dispose();
        realRadii.Dispose();
    }
}

/// <summary>Precision, recall, density and coverage of generated samples (<see cref="NeighbourhoodScores"/>).</summary>
/// <param name="Precision">The share of generated samples inside some real sample's ball: fidelity.</param>
/// <param name="Recall">The share of real samples inside some generated sample's ball: diversity.</param>
/// <param name="Density">Real balls around each generated sample, over k: about 1 when the two match.</param>
/// <param name="Coverage">The share of real balls that hold a generated sample.</param>
public sealed record Neighbourhood(double Precision, double Recall, double Density, double Coverage);
