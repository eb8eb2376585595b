using Torch.Optimizers;
using static Torch.torch;

public class OptimizerTests
{
    private static readonly double[] Coefficients = [0.5, -3];

    // loss = Σ c·p², so the gradient 2·c·p changes from step to step.
    private static double[] Gradient(double[] p) => [2 * Coefficients[0] * p[0], 2 * Coefficients[1] * p[1]];

    private static void Step(Tensor p, Optimizer optimizer)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        (p * p * tensor(Coefficients)).sum().backward();
        optimizer.step();
    }

    [Fact]
    public void Adams_first_two_steps_match_the_closed_form()
    {
        const double lr = 0.1, b1 = 0.5, b2 = 0.999, eps = 1e-8;
        using var p = tensor(new double[] { 1, -2 }, requires_grad: true);
        using var adam = optim.Adam([p], lr, b1, b2, eps);

        double[] expected = [1, -2], m = [0, 0], v = [0, 0];
        for (var t = 1; t <= 2; t++)
        {
            var g = Gradient(expected);
            for (var i = 0; i < 2; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                var mHat = m[i] / (1 - Math.Pow(b1, t));
                var vHat = v[i] / (1 - Math.Pow(b2, t));
                expected[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
            Step(p, adam);
            Assert.Equal(expected, p.data<double>(), (a, b) => Math.Abs(a - b) < 1e-12);
        }
    }

    [Fact]
    public void Sgd_with_nesterov_momentum_matches_the_closed_form()
    {
        const double lr = 0.05, mu = 0.9;
        using var p = tensor(new double[] { 1, -2 }, requires_grad: true);
        using var sgd = optim.SGD([p], lr, momentum: mu, nesterov: true);

        double[] expected = [1, -2], buffer = [0, 0];
        for (var t = 1; t <= 3; t++)
        {
            var g = Gradient(expected);
            for (var i = 0; i < 2; i++)
            {
                buffer[i] = t == 1 ? g[i] : mu * buffer[i] + g[i];
                expected[i] -= lr * (g[i] + mu * buffer[i]);
            }
            Step(p, sgd);
        }
        Assert.Equal(expected, p.data<double>(), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Rmsprop_matches_the_closed_form()
    {
        const double lr = 0.01, alpha = 0.9, eps = 1e-8;
        using var p = tensor(new double[] { 1, -2 }, requires_grad: true);
        using var rmsprop = optim.RMSprop([p], lr, alpha, eps);

        double[] expected = [1, -2], square = [0, 0];
        for (var t = 1; t <= 2; t++)
        {
            var g = Gradient(expected);
            for (var i = 0; i < 2; i++)
            {
                square[i] = alpha * square[i] + (1 - alpha) * g[i] * g[i];
                expected[i] -= lr * g[i] / (Math.Sqrt(square[i]) + eps);
            }
            Step(p, rmsprop);
        }
        Assert.Equal(expected, p.data<double>(), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Learning_rate_can_change_between_steps()
    {
        using var p = tensor(new double[] { 1, -2 }, requires_grad: true);
        using var sgd = optim.SGD([p], lr: 0.1);

        sgd.lr = 0;
        Step(p, sgd);
        Assert.Equal(new double[] { 1, -2 }, p.data<double>());
        Assert.Equal(0, sgd.lr);

        sgd.lr = 0.5;
        Step(p, sgd);
        Assert.Equal(new double[] { 0.5, -8 }, p.data<double>());
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.lr = -1);
    }

    [Fact]
    public void Saved_state_continues_exactly_like_the_original()
    {
        using var p = tensor(new double[] { 1, -2 }, requires_grad: true);
        using var adam = optim.Adam([p], 0.1);
        for (var i = 0; i < 3; i++)
            Step(p, adam);
        var savedState = adam.state_bytes();
        var savedValues = p.data<double>();
        for (var i = 0; i < 2; i++)
            Step(p, adam);

        using var q = tensor(savedValues, requires_grad: true);
        using var restored = optim.Adam([q], 0.1);
        restored.load_state_bytes(savedState);
        for (var i = 0; i < 2; i++)
            Step(q, restored);

        Assert.Equal(p.data<double>(), q.data<double>());
    }

    [Fact]
    public void Zero_grad_drops_gradients()
    {
        using var p = tensor(new double[] { 1 }, requires_grad: true);
        using var sgd = optim.SGD([p], 0.1);
        using (NewDisposeScope())
            (p * 2.0).sum().backward();

        sgd.zero_grad();

        Assert.Null(p.grad);
    }

    [Fact]
    public void Optimizer_needs_parameters()
    {
        Assert.Throws<ArgumentException>(() => optim.Adam([]));
    }
}
