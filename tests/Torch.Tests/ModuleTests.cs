using Torch.Modules;
using static Torch.torch;

public class ModuleTests
{
    private sealed class TwoLayer : Module
    {
        public TwoLayer()
        {
            first = register_module("first", nn.Linear(3, 4));
            norm = register_module("norm", nn.BatchNorm1d(4));
            second = register_module("second", nn.Linear(4, 1));
        }

        private readonly Linear first;
        private readonly BatchNorm1d norm;
        private readonly Linear second;

        public override Tensor forward(Tensor input) => second.forward(nn.functional.relu(norm.forward(first.forward(input))));
    }

    [Fact]
    public void Named_parameters_and_buffers_use_dotted_paths()
    {
        using var model = new TwoLayer();

        Assert.Equal(["first.weight", "first.bias", "norm.weight", "norm.bias", "second.weight", "second.bias"],
            model.named_parameters().Select(p => p.name));
        Assert.Equal(["norm.running_mean", "norm.running_var"], model.named_buffers().Select(b => b.name));
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
        Assert.All(model.named_buffers(), b => Assert.False(b.buffer.requires_grad));
    }

    [Fact]
    public void Train_and_eval_reach_every_child()
    {
        using var model = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5));

        model.eval();
        Assert.All(model.named_children(), c => Assert.False(c.module.training));
        model.train();
        Assert.All(model.named_children(), c => Assert.True(c.module.training));
    }

    [Fact]
    public void Parameters_outlive_the_dispose_scope_they_were_made_in()
    {
        Module model;
        using (NewDisposeScope())
            model = nn.Linear(2, 2);

        Assert.All(model.parameters(), p => Assert.False(p.IsDisposed));
        model.Dispose();
        Assert.All(model.parameters(), p => Assert.True(p.IsDisposed));
    }

    [Fact]
    public void To_float64_keeps_parameter_identity_and_converts_data()
    {
        using var layer = nn.Linear(2, 3);
        var weight = layer.weight;

        layer.to(float64);

        Assert.Same(weight, layer.weight);
        Assert.Equal(ScalarType.Float64, layer.weight.dtype);
        Assert.True(layer.weight.requires_grad);
    }

    [Fact]
    public void Load_state_dict_rejects_a_wrong_shape_and_changes_nothing()
    {
        using var layer = nn.Linear(2, 2);
        var original = layer.weight.data<float>();
        using var wrong = zeros([3, 2]);
        using var bias = zeros([2]);

        var error = Assert.Throws<ArgumentException>(() =>
            layer.load_state_dict(new Dictionary<string, Tensor> { ["weight"] = wrong, ["bias"] = bias }));

        Assert.Contains("'weight' has shape [3, 2]", error.Message);
        Assert.Equal(original, layer.weight.data<float>());
    }

    [Fact]
    public void Sequential_flatten_and_unflatten_reshape_between_layers()
    {
        using var scope = NewDisposeScope();
        using var model = nn.Sequential(nn.Flatten(), nn.Linear(12, 24), nn.Unflatten(1, [2, 3, 4]));

        var output = model.forward(ones([5, 3, 2, 2]));

        Assert.Equal(new long[] { 5, 2, 3, 4 }, output.shape);
    }

    [Fact]
    public void Dropout_zeroes_in_training_and_passes_through_in_eval()
    {
        using var scope = NewDisposeScope();
        using var dropout = nn.Dropout(0.5);
        manual_seed(3);

        var trained = dropout.forward(ones([1000])).data<float>();
        dropout.eval();
        var evaluated = dropout.forward(ones([1000])).data<float>();

        Assert.All(trained, v => Assert.True(v == 0 || v == 2));
        Assert.InRange(trained.Count(v => v == 0), 400, 600);
        Assert.All(evaluated, v => Assert.Equal(1, v));
    }

    [Fact]
    public void Activations_match_their_formulas()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { -2, 0, 3 });

        Assert.Equal(new double[] { 0, 0, 3 }, nn.ReLU().forward(x).data<double>());
        Assert.Equal(new double[] { -0.4, 0, 3 }, nn.LeakyReLU(0.2).forward(x).data<double>());
        Assert.Equal(new[] { Math.Tanh(-2), 0, Math.Tanh(3) }, nn.Tanh().forward(x).data<double>());
        Assert.Equal(new[] { 1 / (1 + Math.Exp(2)), 0.5, 1 / (1 + Math.Exp(-3)) }, nn.Sigmoid().forward(x).data<double>(), (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void Upsample_repeats_each_pixel()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, 2, 3, 4 }, [1, 1, 2, 2]);

        var y = nn.Upsample(2).forward(x);

        Assert.Equal(new long[] { 1, 1, 4, 4 }, y.shape);
        Assert.Equal(new float[] { 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4 }, y.data<float>());
    }
}
