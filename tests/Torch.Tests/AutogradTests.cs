using static Torch.torch.nn.functional;

public class AutogradTests
{
    // loss(w, b) = BCE-with-logits(leaky_relu(x wᵀ + b, 0.2), target), in float64.
    private static double Loss(double[] w, double[] b, double[] x, double[] target)
    {
        using var scope = torch.NewDisposeScope();
        var wt = torch.tensor(w, [2, 3]);
        var bt = torch.tensor(b);
        var xt = torch.tensor(x, [4, 3]);
        var tt = torch.tensor(target, [4, 2]);
        return binary_cross_entropy_with_logits(leaky_relu(linear(xt, wt, bt), 0.2), tt).item<double>();
    }

    [Fact]
    public void Gradient_of_linear_leaky_relu_bce_matches_central_differences()
    {
        double[] w = [0.3, -0.8, 0.5, 1.1, 0.2, -0.4];
        double[] b = [0.05, -0.3];
        double[] x = [1, 2, -1, 0.5, -0.5, 2, -1.5, 0.3, 0.7, 0.2, -2, 1];
        double[] target = [1, 0, 0.9, 0, 0, 1, 1, 1];

        using var scope = torch.NewDisposeScope();
        var wt = torch.tensor(w, [2, 3], requires_grad: true);
        var bt = torch.tensor(b, requires_grad: true);
        var loss = binary_cross_entropy_with_logits(
            leaky_relu(linear(torch.tensor(x, [4, 3]), wt, bt), 0.2), torch.tensor(target, [4, 2]));
        loss.backward();
        var analyticW = wt.grad!.data<double>();
        var analyticB = bt.grad!.data<double>();

        const double h = 1e-6;
        for (var i = 0; i < w.Length; i++)
        {
            var plus = (double[])w.Clone();
            var minus = (double[])w.Clone();
            plus[i] += h;
            minus[i] -= h;
            var numeric = (Loss(plus, b, x, target) - Loss(minus, b, x, target)) / (2 * h);
            Assert.Equal(numeric, analyticW[i], 7);
        }
        for (var i = 0; i < b.Length; i++)
        {
            var plus = (double[])b.Clone();
            var minus = (double[])b.Clone();
            plus[i] += h;
            minus[i] -= h;
            var numeric = (Loss(w, plus, x, target) - Loss(w, minus, x, target)) / (2 * h);
            Assert.Equal(numeric, analyticB[i], 7);
        }
    }

    [Fact]
    public void Grad_is_null_before_backward_and_cleared_by_clear_grad()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.ones([2], requires_grad: true);
        Assert.Null(w.grad);

        (w * 3.0).sum().backward();
        Assert.Equal(new float[] { 3, 3 }, w.grad!.data<float>());

        (w * 2.0).sum().backward();
        Assert.Equal(new float[] { 5, 5 }, w.grad!.data<float>());

        w.clear_grad();
        Assert.Null(w.grad);
    }

    [Fact]
    public void No_grad_stops_recording_and_restores_the_mode()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.ones([2], requires_grad: true);

        Tensor y;
        using (torch.no_grad())
        {
            Assert.False(torch.is_grad_enabled());
            y = w * 2.0;
        }

        Assert.True(torch.is_grad_enabled());
        Assert.False(y.requires_grad);
        Assert.True((w * 2.0).requires_grad);
    }

    [Fact]
    public void Detach_cuts_the_graph()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.ones([1], requires_grad: true);
        var d = (w * 2.0).detach();

        Assert.False(d.requires_grad);
        Assert.Equal(2f, d.item<float>());
    }

    [Fact]
    public void Gradient_flows_through_a_non_leaf_only_into_leaves()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor(new double[] { 2 }, requires_grad: true);
        var y = w * w;
        (y * 3.0).sum().backward();

        Assert.Equal(12, w.grad!.item<double>());
    }
}
