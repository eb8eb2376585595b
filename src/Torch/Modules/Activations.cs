namespace Torch.Modules;

/// <summary>max(x, 0).</summary>
public sealed class ReLU : Module
{
    /// <inheritdoc />
    public override Tensor forward(Tensor input) => torch.nn.functional.relu(input);
}

/// <summary>x if x ≥ 0, else slope·x.</summary>
public sealed class LeakyReLU(double negativeSlope = 0.01) : Module
{
    /// <inheritdoc />
    public override Tensor forward(Tensor input) => torch.nn.functional.leaky_relu(input, negativeSlope);
}

/// <summary>Hyperbolic tangent.</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc />
    public override Tensor forward(Tensor input) => torch.nn.functional.tanh(input);
}

/// <summary>The logistic sigmoid.</summary>
public sealed class Sigmoid : Module
{
    /// <inheritdoc />
    public override Tensor forward(Tensor input) => torch.nn.functional.sigmoid(input);
}
