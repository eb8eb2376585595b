public class TensorTests
{
    [Fact]
    public void Tensor_round_trips_each_dtype()
    {
        using var f = torch.tensor(new float[] { 1.5f, -2 });
        using var d = torch.tensor(new double[] { 1e-300, 3 });
        using var l = torch.tensor(new long[] { long.MaxValue, -1 });
        using var b = torch.tensor(new byte[] { 0, 255 });

        Assert.Equal(new float[] { 1.5f, -2 }, f.data<float>());
        Assert.Equal(new double[] { 1e-300, 3 }, d.data<double>());
        Assert.Equal(new long[] { long.MaxValue, -1 }, l.data<long>());
        Assert.Equal(new byte[] { 0, 255 }, b.data<byte>());
        Assert.Equal([ScalarType.Float32, ScalarType.Float64, ScalarType.Int64, ScalarType.Byte], new[] { f.dtype, d.dtype, l.dtype, b.dtype });
    }

    [Fact]
    public void Tensor_takes_a_shape_and_checks_it()
    {
        using var t = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);

        Assert.Equal(new long[] { 2, 3 }, t.shape);
        Assert.Equal(2, t.dim());
        Assert.Equal(6, t.numel());
        Assert.Throws<ArgumentException>(() => torch.tensor(new float[] { 1, 2, 3 }, [2, 2]));
    }

    [Fact]
    public void Data_throws_when_the_element_type_differs()
    {
        using var t = torch.zeros([2]);

        Assert.Throws<ArgumentException>(() => t.data<double>());
    }

    [Fact]
    public void Zeros_ones_and_full_fill_their_shape()
    {
        using var z = torch.zeros([2, 2], torch.float64);
        using var o = torch.ones([3]);
        using var f = torch.full([2], 7.5);

        Assert.Equal(new double[] { 0, 0, 0, 0 }, z.data<double>());
        Assert.Equal(new float[] { 1, 1, 1 }, o.data<float>());
        Assert.Equal(new float[] { 7.5f, 7.5f }, f.data<float>());
    }

    [Fact]
    public void Index_select_gathers_rows_by_index()
    {
        using var x = torch.tensor(new float[] { 0, 1, 10, 11, 20, 21 }, [3, 2]);
        using var index = torch.tensor(new long[] { 2, 0 });
        using var rows = x.index_select(0, index);

        Assert.Equal(new float[] { 20, 21, 0, 1 }, rows.data<float>());
    }

    [Fact]
    public void Narrow_reshape_view_and_cat_arrange_data()
    {
        using var x = torch.arange(0, 6, dtype: torch.float32);
        using var tail = x.narrow(0, 2, 3);
        using var matrix = x.reshape(2, 3);
        using var view = x.view(3, -1);
        using var joined = torch.cat([matrix, matrix], 0);
        using var stacked = torch.stack([x, x], 1);
        using var transposed = matrix.t().contiguous();

        Assert.Equal(new float[] { 2, 3, 4 }, tail.data<float>());
        Assert.Equal(new long[] { 3, 2 }, view.shape);
        Assert.Equal(new long[] { 4, 3 }, joined.shape);
        Assert.Equal(new long[] { 6, 2 }, stacked.shape);
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, transposed.data<float>());
    }

    [Fact]
    public void Arithmetic_matches_hand_computation()
    {
        using var a = torch.tensor(new float[] { 1, 2, 4 });
        using var b = torch.tensor(new float[] { 2, 2, 2 });

        using var sum = a + b;
        using var difference = a - b;
        using var product = a * b;
        using var quotient = a / b;
        using var affine = 1.0 - a * 3.0 + 0.5;
        using var power = a.pow(2);
        using var root = a.sqrt();
        using var negated = -a;
        using var withAlpha = a.add(b, alpha: 10);

        Assert.Equal(new float[] { 3, 4, 6 }, sum.data<float>());
        Assert.Equal(new float[] { -1, 0, 2 }, difference.data<float>());
        Assert.Equal(new float[] { 2, 4, 8 }, product.data<float>());
        Assert.Equal(new float[] { 0.5f, 1, 2 }, quotient.data<float>());
        Assert.Equal(new float[] { -1.5f, -4.5f, -10.5f }, affine.data<float>());
        Assert.Equal(new float[] { 1, 4, 16 }, power.data<float>());
        Assert.Equal(new float[] { 1, MathF.Sqrt(2), 2 }, root.data<float>());
        Assert.Equal(new float[] { -1, -2, -4 }, negated.data<float>());
        Assert.Equal(new float[] { 21, 22, 24 }, withAlpha.data<float>());
    }

    [Fact]
    public void In_place_operations_change_the_tensor()
    {
        using var a = torch.zeros([2]);
        using var b = torch.ones([2]);

        a.add_(b, 3).mul_(2);
        Assert.Equal(new float[] { 6, 6 }, a.data<float>());
        a.fill_(1.5);
        Assert.Equal(new float[] { 1.5f, 1.5f }, a.data<float>());
        a.zero_();
        Assert.Equal(new float[] { 0, 0 }, a.data<float>());
        a.copy_(b);
        Assert.Equal(new float[] { 1, 1 }, a.data<float>());
    }

    [Fact]
    public void Exp_log_abs_and_clamp_are_elementwise()
    {
        using var x = torch.tensor(new double[] { -2, 0.5, 3 });
        using var e = x.exp();
        using var l = e.log();
        using var a = x.abs();
        using var c = x.clamp(min: 0, max: 1);
        using var below = x.clamp(max: 0);

        Assert.Equal(new[] { Math.Exp(-2), Math.Exp(0.5), Math.Exp(3) }, e.data<double>());
        Assert.Equal(x.data<double>(), l.data<double>(), (p, q) => Math.Abs(p - q) < 1e-12);
        Assert.Equal(new double[] { 2, 0.5, 3 }, a.data<double>());
        Assert.Equal(new double[] { 0, 0.5, 1 }, c.data<double>());
        Assert.Equal(new double[] { -2, 0, 0 }, below.data<double>());
    }

    [Fact]
    public void Reductions_match_hand_computation()
    {
        using var x = torch.tensor(new double[] { 1, 2, 3, 4, 5, 9 }, [2, 3]);
        using var sum = x.sum();
        using var mean = x.mean();
        using var std = x.std();
        using var columnMeans = x.mean([0]);
        using var rowSums = x.sum([1], keepdim: true);
        using var rowStd = x.std([1], unbiased: false);
        using var argmax = x.argmax(1);
        using var max = x.max();
        using var min = x.min();

        Assert.Equal(24, sum.item<double>());
        Assert.Equal(4, mean.item<double>());
        Assert.Equal(Math.Sqrt((9 + 4 + 1 + 0 + 1 + 25) / 5.0), std.item<double>(), 12);
        Assert.Equal(new double[] { 2.5, 3.5, 6 }, columnMeans.data<double>());
        Assert.Equal(new long[] { 2, 1 }, rowSums.shape);
        Assert.Equal(new double[] { 6, 18 }, rowSums.data<double>());
        Assert.Equal(Math.Sqrt(2.0 / 3), rowStd.data<double>()[0], 12);
        Assert.Equal(new long[] { 2, 2 }, argmax.data<long>());
        Assert.Equal(9, max.item<double>());
        Assert.Equal(1, min.item<double>());
    }

    [Fact]
    public void Comparisons_give_bool_masks()
    {
        using var x = torch.tensor(new float[] { 0.2f, 0.5f, 0.9f });
        using var y = torch.tensor(new float[] { 0.5f, 0.5f, 0.5f });
        using var greater = x.gt(0.5);
        using var atLeast = x.ge(y);
        using var equal = x.eq(y);
        using var count = greater.to(torch.float32).sum();
        using var chosen = torch.where(greater, x, y);

        Assert.Equal(ScalarType.Bool, greater.dtype);
        Assert.Equal(new[] { false, false, true }, greater.data<bool>());
        Assert.Equal(new[] { false, true, true }, atLeast.data<bool>());
        Assert.Equal(new[] { false, true, false }, equal.data<bool>());
        Assert.Equal(1f, count.item<float>());
        Assert.Equal(new float[] { 0.5f, 0.5f, 0.9f }, chosen.data<float>());
    }

    [Fact]
    public void Isfinite_and_all_detect_nan_and_infinity()
    {
        using var good = torch.tensor(new float[] { 1, 2 });
        using var bad = torch.tensor(new float[] { 1, float.NaN, float.PositiveInfinity });
        using var goodMask = good.isfinite();
        using var goodAll = goodMask.all();
        using var badMask = bad.isfinite();
        using var badAll = badMask.all();

        Assert.True(goodAll.item<bool>());
        Assert.False(badAll.item<bool>());
        Assert.Equal(new[] { true, false, false }, badMask.data<bool>());
    }

    [Fact]
    public void To_converts_element_types()
    {
        using var x = torch.tensor(new float[] { 1.7f, -0.2f });
        using var d = x.to(torch.float64);
        using var l = x.to(torch.int64);

        Assert.Equal(ScalarType.Float64, d.dtype);
        Assert.Equal(new long[] { 1, 0 }, l.data<long>());
    }

    [Fact]
    public void Tensor_reports_its_device()
    {
        using var x = torch.zeros([1]);

        Assert.Equal(DeviceType.CPU, x.device.Type);
        Assert.Contains("cpu", x.ToString());
    }

    [Fact]
    public void Dispose_frees_the_tensor_once()
    {
        var before = Tensor.LiveCount;
        var x = torch.zeros([4]);
        Assert.Equal(before + 1, Tensor.LiveCount);

        x.Dispose();
        x.Dispose();

        Assert.True(x.IsDisposed);
        Assert.Equal(before, Tensor.LiveCount);
        Assert.Throws<ObjectDisposedException>(() => x.numel());
    }
}
