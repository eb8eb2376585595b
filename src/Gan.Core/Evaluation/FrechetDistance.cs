using static TorchSharp.torch;

namespace Gan.Core.Evaluation;

/// <summary>
/// The Fréchet distance between two Gaussians fitted to feature sets, in float64:
/// |μ₁ − μ₂|² + tr Σ₁ + tr Σ₂ − 2 tr √(A Σ₂ A) with A = √Σ₁. Taking the square root of the
/// symmetric matrix A Σ₂ A (by eigendecomposition) rather than of Σ₁Σ₂ keeps every
/// intermediate symmetric, so no complex parts can appear.
/// </summary>
public sealed class FrechetDistance : IDisposable
{
    private readonly Tensor mean;
    private readonly Tensor covariance;
    private readonly Tensor covarianceRoot;
    private readonly double covarianceTrace;

    /// <summary>Fits the reference (real) features [N, D].</summary>
    public FrechetDistance(Tensor referenceFeatures)
    {
        using var scope = NewDisposeScope();
        (mean, covariance) = Moments(referenceFeatures);
        mean.DetachFromDisposeScope();
        covariance.DetachFromDisposeScope();
        covarianceRoot = SymmetricSqrt(covariance).DetachFromDisposeScope();
        covarianceTrace = trace(covariance).item<double>();
    }

    /// <summary>The distance from the reference to <paramref name="features"/> [M, D].</summary>
    public double To(Tensor features)
    {
        using var scope = NewDisposeScope();
        var (otherMean, otherCovariance) = Moments(features);
        var meanTerm = (mean - otherMean).pow(2).sum().item<double>();
        var product = matmul(matmul(covarianceRoot, otherCovariance), covarianceRoot);
        var (eigenvalues, _) = linalg.eigh(product);
        var crossTerm = eigenvalues.clamp(min: 0).sqrt().sum().item<double>();
        return meanTerm + covarianceTrace + trace(otherCovariance).item<double>() - 2 * crossTerm;
    }

    /// <summary>Mean [D] and unbiased covariance [D, D] of features [N, D], in float64.</summary>
    internal static (Tensor mean, Tensor covariance) Moments(Tensor features)
    {
        var x = features.detach().to(float64);
        var mean = x.mean([0]);
        var centered = x - mean;
        var covariance = matmul(centered.t(), centered) / (x.shape[0] - 1);
        return (mean, covariance);
    }

    /// <summary>The symmetric positive semi-definite square root of a symmetric matrix.</summary>
    internal static Tensor SymmetricSqrt(Tensor symmetric)
    {
        var (eigenvalues, eigenvectors) = linalg.eigh(symmetric);
        return matmul(eigenvectors * eigenvalues.clamp(min: 0).sqrt().unsqueeze(0), eigenvectors.t());
    }

    /// <summary>Frees the reference statistics.</summary>
    public void Dispose()
    {
        mean.Dispose();
        covariance.Dispose();
        covarianceRoot.Dispose();
    }
}
