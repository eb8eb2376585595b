using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace Gan.Core.Training;

/// <summary>The optimizers a trial may train with, by name, and how each is built from the options.</summary>
public static class Optimizers
{
    /// <summary>Each optimizer's name with how it is built over some parameters at a learning rate.</summary>
    private static readonly IReadOnlyList<(string Name, Func<TrainerOptions, IEnumerable<Parameter>, double, OptimizerHelper> Create)> All =
    [
        ("adam", (o, parameters, lr) => Adam(parameters, lr, o.Beta1, o.Beta2)),
        ("rmsprop", (o, parameters, lr) => RMSProp(parameters, lr, momentum: o.Momentum)),
        ("sgd", (o, parameters, lr) => SGD(parameters, lr, o.Momentum)),
    ];

    /// <summary>The optimizer names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(o => o.Name)];

    /// <summary>The optimizer <paramref name="options"/> name, over <paramref name="parameters"/> at <paramref name="lr"/>.</summary>
    /// <exception cref="GanException">No optimizer has that name.</exception>
    public static OptimizerHelper Create(TrainerOptions options, IEnumerable<Parameter> parameters, double lr) =>
        All.FirstOrDefault(o => o.Name == options.Optimizer).Create?.Invoke(options, parameters, lr)
        ?? throw new GanException(GanErrorCode.UnknownName, $"Unknown optimizer '{options.Optimizer}': use one of {string.Join(", ", Names)}.");
}
