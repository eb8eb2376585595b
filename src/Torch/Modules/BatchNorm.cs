namespace Torch.Modules;

/// <summary>
/// Batch normalisation over the channel dimension, with running statistics for evaluation.
/// </summary>
public abstract class BatchNorm : Module
{
    private readonly double eps;
    private readonly double momentum;
    private readonly int[] acceptedRanks;

    private protected BatchNorm(long features, double eps, double momentum, int[] acceptedRanks)
    {
        this.eps = eps;
        this.momentum = momentum;
        this.acceptedRanks = acceptedRanks;
        weight = register_parameter("weight", torch.ones([features]));
        bias = register_parameter("bias", torch.zeros([features]));
        running_mean = register_buffer("running_mean", torch.zeros([features]));
        running_var = register_buffer("running_var", torch.ones([features]));
    }

    /// <summary>The learned scale, [features].</summary>
    public Tensor weight { get; }

    /// <summary>The learned shift, [features].</summary>
    public Tensor bias { get; }

    /// <summary>The running mean, used in evaluation mode.</summary>
    public Tensor running_mean { get; }

    /// <summary>The running variance, used in evaluation mode.</summary>
    public Tensor running_var { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var rank = input.dim();
        if (!acceptedRanks.Contains(rank))
            throw new ArgumentException($"{GetType().Name} expects a {string.Join(" or ", acceptedRanks)}-D input, got {rank}-D.", nameof(input));
        return torch.nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps);
    }
}

/// <summary>Batch normalisation of [N, C] or [N, C, L] inputs.</summary>
public sealed class BatchNorm1d(long features, double eps = 1e-5, double momentum = 0.1)
    : BatchNorm(features, eps, momentum, [2, 3]);

/// <summary>Batch normalisation of [N, C, H, W] inputs.</summary>
public sealed class BatchNorm2d(long features, double eps = 1e-5, double momentum = 0.1)
    : BatchNorm(features, eps, momentum, [4]);
