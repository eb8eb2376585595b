using Gan.Core.Evaluation;
using static TorchSharp.torch;

public class FrechetDistanceTests
{
    [Fact]
    public void Distance_to_the_same_features_is_zero()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        var features = randn([500, 8], dtype: float64);
        using var frechet = new FrechetDistance(features);

        Assert.Equal(0, frechet.To(features), 6);
    }

    [Fact]
    public void Distance_matches_the_closed_form_for_diagonal_gaussians()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var a = randn([4000, 3], dtype: float64);
        var b = randn([4000, 3], dtype: float64) * 2.0 + 1.0;
        using var frechet = new FrechetDistance(a);

        var (meanA, covA) = FrechetDistance.Moments(a);
        var (meanB, covB) = FrechetDistance.Moments(b);
        double expected = (meanA - meanB).pow(2).sum().item<double>();
        var va = diag(covA).data<double>();
        var vb = diag(covB).data<double>();
        for (var i = 0; i < 3; i++)
            expected += va[i] + vb[i] - 2 * Math.Sqrt(va[i] * vb[i]);

        // Off-diagonal sample covariances are near zero, so the diagonal formula holds closely.
        Assert.Equal(expected, frechet.To(b), 1);
        Assert.InRange(frechet.To(b), 3 + 3 - 0.5, 3 + 3 + 0.5);
    }

    [Fact]
    public void SymmetricSqrt_squares_back_to_the_matrix()
    {
        using var scope = NewDisposeScope();
        var m = tensor(new double[] { 4, 1, 1, 3 }, [2, 2]);

        var root = FrechetDistance.SymmetricSqrt(m);

        Assert.Equal(m.data<double>(), matmul(root, root).data<double>(), (x, y) => Math.Abs(x - y) < 1e-12);
    }
}
