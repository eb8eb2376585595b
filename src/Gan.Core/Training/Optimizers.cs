using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace Gan.Core.Training;

/// <summary>The optimizers a trial may train with, by name, and how each is built from the options.</summary>
public static class Optimizers
{
    /// <summary>
    /// Each optimizer's name with how it is built over some parameters at a learning rate, and how
    /// a built one is set to the options' hyperparameters again: loading a checkpoint's state loads
    /// the rates it was saved with, and a trial resumed under changed rates (a population member
    /// after its explore step) trains at its own.
    /// </summary>
    private static readonly IReadOnlyList<(string Name, Func<TrainerOptions, IEnumerable<Parameter>, double, OptimizerHelper> Create, Action<OptimizerHelper, TrainerOptions, double> Set)> All =
    [
        ("adam", (o, parameters, lr) => Adam(parameters, lr, o.Beta1, o.Beta2), (optimizer, o, lr) =>
        {
            var adam = (TorchSharp.Modules.Adam)optimizer;
            SetRate(adam.ParamGroups, lr);
            adam.Betas = (o.Beta1, o.Beta2);
        }),
        ("rmsprop", (o, parameters, lr) => RMSProp(parameters, lr, momentum: o.Momentum), (optimizer, o, lr) =>
        {
            var rmsprop = (TorchSharp.Modules.RMSProp)optimizer;
            SetRate(rmsprop.ParamGroups, lr);
            rmsprop.Momentum = o.Momentum;
        }),
        ("sgd", (o, parameters, lr) => SGD(parameters, lr, o.Momentum), (optimizer, o, lr) =>
        {
            var sgd = (TorchSharp.Modules.SGD)optimizer;
            SetRate(sgd.ParamGroups, lr);
            sgd.Momentum = o.Momentum;
        }),
    ];

    /// <summary>The optimizer names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(o => o.Name)];

    /// <summary>The optimizer <paramref name="options"/> name, over <paramref name="parameters"/> at <paramref name="lr"/>.</summary>
    /// <exception cref="GanException">No optimizer has that name.</exception>
    public static OptimizerHelper Create(TrainerOptions options, IEnumerable<Parameter> parameters, double lr) =>
        All.FirstOrDefault(o => o.Name == options.Optimizer).Create?.Invoke(options, parameters, lr)
        ?? throw new GanException(GanErrorCode.UnknownName, $"Unknown optimizer '{options.Optimizer}': use one of {string.Join(", ", Names)}.");

    /// <summary>Sets <paramref name="optimizer"/>, built by <see cref="Create"/>, to <paramref name="options"/>' hyperparameters at <paramref name="lr"/>, whatever state it loaded.</summary>
    public static void Set(OptimizerHelper optimizer, TrainerOptions options, double lr) =>
        All.First(o => o.Name == options.Optimizer).Set(optimizer, options, lr);

    private static void SetRate(IEnumerable<ILearningRateController> groups, double lr)
    {
        foreach (var group in groups)
            group.LearningRate = lr;
    }
}
