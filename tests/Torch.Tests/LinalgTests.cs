using static Torch.torch;

public class LinalgTests
{
    [Fact]
    public void Eigh_reconstructs_a_symmetric_matrix_in_float64()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new double[] { 4, 1, 2, 1, 3, 0, 2, 0, 5 }, [3, 3]);

        var (values, vectors) = linalg.eigh(a);
        var rebuilt = matmul(matmul(vectors, diag(values)), vectors.t());

        Assert.Equal(ScalarType.Float64, values.dtype);
        var v = values.data<double>();
        Assert.True(v[0] <= v[1] && v[1] <= v[2]);
        Assert.Equal(12, v.Sum(), 12);
        Assert.Equal(a.data<double>(), rebuilt.data<double>(), (p, q) => Math.Abs(p - q) < 1e-12);
    }

    [Fact]
    public void Svd_reconstructs_a_matrix()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);

        var (u, s, vh) = linalg.svd(a, full_matrices: false);
        var rebuilt = matmul(u * s.unsqueeze(0), vh);

        Assert.Equal(a.data<double>(), rebuilt.data<double>(), (p, q) => Math.Abs(p - q) < 1e-12);
    }

    [Fact]
    public void Trace_and_matmul_agree_with_hand_computation()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new double[] { 1, 2, 3, 4 }, [2, 2]);

        Assert.Equal(new double[] { 7, 10, 15, 22 }, matmul(a, a).data<double>());
        Assert.Equal(5, trace(a).item<double>());
    }

    [Fact]
    public void Eigh_of_a_non_square_matrix_throws()
    {
        using var a = ones([2, 3], float64);

        var error = Assert.Throws<TorchException>(() => linalg.eigh(a));

        Assert.Equal("eigh", error.Operation);
    }
}
