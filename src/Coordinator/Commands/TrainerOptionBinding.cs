using System.CommandLine;
using Gan.Core.Training;

namespace Coordinator.Commands;

/// <summary>The command-line options that make up <see cref="TrainerOptions"/>, named as in sweep files.</summary>
internal sealed class TrainerOptionBinding
{
    private static readonly TrainerOptions Defaults = new();

    private readonly Option<string> dataset = new("--dataset") { Description = "mnist, fashion-mnist, or gaussian (the toy lab's 1-D data, with --arch toy).", DefaultValueFactory = _ => Defaults.Dataset };
    private readonly Option<double> dataMean = new("--data-mean") { Description = "The gaussian dataset's mean.", DefaultValueFactory = _ => Defaults.DataMean };
    private readonly Option<double> dataStd = new("--data-std") { Description = "The gaussian dataset's standard deviation.", DefaultValueFactory = _ => Defaults.DataStd };
    private readonly Option<string?> dataDir = new("--data-dir") { Description = "A folder with the dataset's standard IDX files (default: the shipped digits / Debian's Fashion-MNIST)." };
    private readonly Option<string> arch = new("--arch") { Description = "mlp, mlp-128, dcgan, dcgan-small, or toy (for gaussian).", DefaultValueFactory = _ => Defaults.Arch };
    private readonly Option<double> width = new("--width") { Description = "dcgan-small's width multiplier.", DefaultValueFactory = _ => Defaults.Width };
    private readonly Option<int?> latentSize = new("--latent-size") { Description = "Latent size (default: 64 for mlp, 1 for toy, else 100)." };
    private readonly Option<double> lr = new("--lr") { Description = "Learning rate of both networks.", DefaultValueFactory = _ => Defaults.Lr };
    private readonly Option<double?> lrD = new("--lr-d") { Description = "D's learning rate (default: --lr)." };
    private readonly Option<double?> lrG = new("--lr-g") { Description = "G's learning rate (default: --lr)." };
    private readonly Option<string> optimizer = new("--optimizer") { Description = "adam, rmsprop or sgd.", DefaultValueFactory = _ => Defaults.Optimizer };
    private readonly Option<double> beta1 = new("--beta1") { Description = "Adam's beta1.", DefaultValueFactory = _ => Defaults.Beta1 };
    private readonly Option<double> beta2 = new("--beta2") { Description = "Adam's beta2.", DefaultValueFactory = _ => Defaults.Beta2 };
    private readonly Option<double> momentum = new("--momentum") { Description = "Momentum of rmsprop and sgd.", DefaultValueFactory = _ => Defaults.Momentum };
    private readonly Option<int> batchSize = new("--batch-size") { Description = "Images per batch.", DefaultValueFactory = _ => Defaults.BatchSize };
    private readonly Option<int?> epochs = new("--epochs") { Description = "Epochs to train (default 5, unless --steps is given)." };
    private readonly Option<long?> steps = new("--steps") { Description = "G steps to train, instead of --epochs." };
    private readonly Option<int> dSteps = new("--d-steps") { Description = "D updates per G update.", DefaultValueFactory = _ => Defaults.DSteps };
    private readonly Option<double> labelSmoothing = new("--label-smoothing") { Description = "One-sided: D's real targets are 1 minus this.", DefaultValueFactory = _ => Defaults.LabelSmoothing };
    private readonly Option<ulong> seed = new("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => Defaults.Seed };
    private readonly Option<string> device = new("--device") { Description = "auto, cpu, cuda or cuda:N.", DefaultValueFactory = _ => Defaults.Device };
    private readonly Option<int> logEvery = new("--log-every") { Description = "Steps between metric records.", DefaultValueFactory = _ => Defaults.LogEvery };
    private readonly Option<int> evalSamples = new("--eval-samples") { Description = "Samples scored at the end.", DefaultValueFactory = _ => Defaults.EvalSamples };
    private readonly Option<string> evaluate = new("--evaluate") { Description = "Which generator is scored at the end: best (the lowest quick FID) or last.", DefaultValueFactory = _ => Defaults.Evaluate };
    private readonly Option<int> scoreEvery = new("--score-every") { Description = "Steps between quick scores, taken at epoch ends.", DefaultValueFactory = _ => Defaults.ScoreEvery };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { dataset, dataDir, dataMean, dataStd, arch, width, latentSize, lr, lrD, lrG, optimizer, beta1, beta2, momentum, batchSize, epochs, steps, dSteps, labelSmoothing, seed, device, logEvery, evalSamples, evaluate, scoreEvery })
            command.Options.Add(option);
    }

    /// <summary>Reads the options from a parse.</summary>
    public TrainerOptions Bind(ParseResult parse) => new()
    {
        Dataset = parse.GetValue(dataset)!,
        DataDir = parse.GetValue(dataDir),
        DataMean = parse.GetValue(dataMean),
        DataStd = parse.GetValue(dataStd),
        Arch = parse.GetValue(arch)!,
        Width = parse.GetValue(width),
        LatentSize = parse.GetValue(latentSize),
        Lr = parse.GetValue(lr),
        LrD = parse.GetValue(lrD),
        LrG = parse.GetValue(lrG),
        Optimizer = parse.GetValue(optimizer)!,
        Beta1 = parse.GetValue(beta1),
        Beta2 = parse.GetValue(beta2),
        Momentum = parse.GetValue(momentum),
        BatchSize = parse.GetValue(batchSize),
        Epochs = parse.GetValue(epochs),
        Steps = parse.GetValue(steps),
        DSteps = parse.GetValue(dSteps),
        LabelSmoothing = parse.GetValue(labelSmoothing),
        Seed = parse.GetValue(seed),
        Device = parse.GetValue(device)!,
        LogEvery = parse.GetValue(logEvery),
        EvalSamples = parse.GetValue(evalSamples),
        Evaluate = parse.GetValue(evaluate)!,
        ScoreEvery = parse.GetValue(scoreEvery),
    };
}
