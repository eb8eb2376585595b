using static Torch.torch;

public class LayerTests
{
    private static double[] Random(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1).ToArray();
    }

    private static void Set(Tensor parameter, double[] values)
    {
        using var scope = NewDisposeScope();
        using (no_grad())
            parameter.copy_(tensor(values, parameter.shape));
    }

    [Fact]
    public void Linear_computes_x_wt_plus_b_and_is_initialised_within_libtorchs_bounds()
    {
        using var scope = NewDisposeScope();
        using var layer = nn.Linear(3, 2).to(float64);
        var bound = 1 / Math.Sqrt(3);
        Assert.All(layer.weight.data<double>(), w => Assert.InRange(w, -bound, bound));
        Assert.All(layer.bias!.data<double>(), b => Assert.InRange(b, -bound, bound));

        Set(layer.weight, [1, 2, 3, -1, 0, 1]);
        Set(layer.bias, [0.5, -0.5]);
        var y = layer.forward(tensor(new double[] { 1, 1, 1, 2, 0, -1 }, [2, 3]));

        Assert.Equal(new double[] { 6.5, -0.5, -0.5, -3.5 }, y.data<double>());
    }

    [Fact]
    public void Conv2d_matches_a_direct_convolution()
    {
        const int n = 2, cin = 3, cout = 4, size = 5, k = 3, stride = 2, pad = 1;
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(cin, cout, k, stride, pad).to(float64);
        var w = Random(cout * cin * k * k, 1);
        var b = Random(cout, 2);
        var x = Random(n * cin * size * size, 3);
        Set(conv.weight, w);
        Set(conv.bias!, b);

        var y = conv.forward(tensor(x, [n, cin, size, size]));

        var outSize = (size + 2 * pad - k) / stride + 1;
        Assert.Equal(new long[] { n, cout, outSize, outSize }, y.shape);
        var expected = new double[n * cout * outSize * outSize];
        for (var s = 0; s < n; s++)
        for (var o = 0; o < cout; o++)
        for (var i = 0; i < outSize; i++)
        for (var j = 0; j < outSize; j++)
        {
            var sum = b[o];
            for (var c = 0; c < cin; c++)
            for (var ki = 0; ki < k; ki++)
            for (var kj = 0; kj < k; kj++)
            {
                int row = i * stride - pad + ki, col = j * stride - pad + kj;
                if (row >= 0 && row < size && col >= 0 && col < size)
                    sum += x[((s * cin + c) * size + row) * size + col] * w[((o * cin + c) * k + ki) * k + kj];
            }
            expected[((s * cout + o) * outSize + i) * outSize + j] = sum;
        }
        Assert.Equal(expected, y.data<double>(), (p, q) => Math.Abs(p - q) < 1e-12);
    }

    [Fact]
    public void ConvTranspose2d_matches_a_direct_scatter()
    {
        const int n = 1, cin = 2, cout = 3, size = 4, k = 5, stride = 2, pad = 2, outPad = 1;
        using var scope = NewDisposeScope();
        using var deconv = nn.ConvTranspose2d(cin, cout, k, stride, pad, outPad).to(float64);
        var w = Random(cin * cout * k * k, 4);
        var b = Random(cout, 5);
        var x = Random(n * cin * size * size, 6);
        Set(deconv.weight, w);
        Set(deconv.bias!, b);

        var y = deconv.forward(tensor(x, [n, cin, size, size]));

        var outSize = (size - 1) * stride - 2 * pad + k + outPad;
        Assert.Equal(new long[] { n, cout, outSize, outSize }, y.shape);
        var expected = new double[n * cout * outSize * outSize];
        for (var o = 0; o < cout; o++)
            for (var p = 0; p < outSize * outSize; p++)
                expected[o * outSize * outSize + p] = b[o];
        for (var c = 0; c < cin; c++)
        for (var i = 0; i < size; i++)
        for (var j = 0; j < size; j++)
        for (var o = 0; o < cout; o++)
        for (var ki = 0; ki < k; ki++)
        for (var kj = 0; kj < k; kj++)
        {
            int row = i * stride - pad + ki, col = j * stride - pad + kj;
            if (row >= 0 && row < outSize && col >= 0 && col < outSize)
                expected[(o * outSize + row) * outSize + col] += x[(c * size + i) * size + j] * w[((c * cout + o) * k + ki) * k + kj];
        }
        Assert.Equal(expected, y.data<double>(), (p, q) => Math.Abs(p - q) < 1e-12);
    }

    [Fact]
    public void BatchNorm1d_normalises_with_batch_statistics_and_updates_running_ones()
    {
        using var scope = NewDisposeScope();
        using var norm = nn.BatchNorm1d(2).to(float64);
        double[] x = [1, 10, 2, 20, 3, 60];

        var y = norm.forward(tensor(x, [3, 2])).data<double>();

        double[] column0 = [1, 2, 3], column1 = [10, 20, 60];
        for (var c = 0; c < 2; c++)
        {
            var values = c == 0 ? column0 : column1;
            var mean = values.Average();
            var biasedVar = values.Select(v => (v - mean) * (v - mean)).Average();
            for (var r = 0; r < 3; r++)
                Assert.Equal((values[r] - mean) / Math.Sqrt(biasedVar + 1e-5), y[r * 2 + c], 10);
            Assert.Equal(0.1 * mean, norm.running_mean.data<double>()[c], 12);
            Assert.Equal(0.9 + 0.1 * biasedVar * 3 / 2, norm.running_var.data<double>()[c], 10);
        }
    }

    [Fact]
    public void BatchNorm2d_uses_running_statistics_in_eval()
    {
        using var scope = NewDisposeScope();
        using var norm = nn.BatchNorm2d(1).to(float64);
        Set(norm.running_mean, [2]);
        Set(norm.running_var, [4]);
        Set(norm.weight, [3]);
        Set(norm.bias, [1]);
        norm.eval();

        var y = norm.forward(tensor(new double[] { 2, 4, 6, 0 }, [1, 1, 2, 2]));

        Assert.Equal(new[] { 1, 1 + 3 * 2 / Math.Sqrt(4 + 1e-5), 1 + 3 * 4 / Math.Sqrt(4 + 1e-5), 1 - 3 * 2 / Math.Sqrt(4 + 1e-5) },
            y.data<double>(), (p, q) => Math.Abs(p - q) < 1e-12);
        Assert.Throws<ArgumentException>(() => { norm.forward(ones([2, 1], float64)); });
    }

    [Fact]
    public void Keras_dcgan_shapes_come_out_right()
    {
        using var scope = NewDisposeScope();
        using var generator = nn.Sequential(
            nn.Linear(100, 7 * 7 * 256, hasBias: false), nn.Unflatten(1, [256, 7, 7]), nn.BatchNorm2d(256), nn.ReLU(),
            nn.Upsample(2), nn.ConvTranspose2d(256, 128, 5, 1, 2, hasBias: false), nn.BatchNorm2d(128), nn.ReLU(),
            nn.Upsample(2), nn.ConvTranspose2d(128, 64, 5, 1, 2, hasBias: false), nn.BatchNorm2d(64), nn.ReLU(),
            nn.ConvTranspose2d(64, 1, 5, 1, 2), nn.Tanh());
        using var discriminator = nn.Sequential(
            nn.Conv2d(1, 64, 5, 2, 2), nn.LeakyReLU(0.2), nn.Dropout(0.2),
            nn.Conv2d(64, 128, 5, 2, 2), nn.LeakyReLU(0.2), nn.Dropout(0.2),
            nn.Conv2d(128, 256, 5, 2, 2), nn.LeakyReLU(0.2), nn.Dropout(0.2),
            nn.Conv2d(256, 512, 5, 1, 2), nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(512 * 4 * 4, 1));

        var images = generator.forward(randn([2, 100]));
        var logits = discriminator.forward(images);

        Assert.Equal(new long[] { 2, 1, 28, 28 }, images.shape);
        Assert.Equal(new long[] { 2, 1 }, logits.shape);
    }

    [Fact]
    public void Init_functions_draw_from_their_distributions()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        var normal = nn.init.normal_(zeros([20000], float64), 0, 0.02);
        var xavier = nn.init.xavier_uniform_(zeros([100, 300], float64));
        var kaiming = nn.init.kaiming_normal_(zeros([200, 500], float64), nonlinearity: nn.init.Nonlinearity.ReLU);

        Assert.Equal(0.02, normal.std().item<double>(), 3);
        var xavierBound = Math.Sqrt(6.0 / (100 + 300));
        Assert.All(xavier.data<double>(), v => Assert.InRange(v, -xavierBound, xavierBound));
        Assert.Equal(Math.Sqrt(2.0 / 500), kaiming.std().item<double>(), 3);
        Assert.All(nn.init.zeros_(zeros([3])).data<float>(), v => Assert.Equal(0, v));
    }
}
