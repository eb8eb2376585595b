// bench/run.sh quickscore [ROUNDS] [EPOCHS]: what a quick score (FID and coverage on 500
// samples) costs a trial, per architecture. The same trial, single-threaded as a sweep's workers
// run, trains with a quick score at every epoch end (score_every 1) and without (the reference),
// alternating for ROUNDS rounds after one untimed warm-up, since this machine's speed drifts; the
// figures are medians. The difference over the number of quick scores is the cost of one. The MLP
// trains EPOCHS epochs; dcgan-small, at about 30 s an epoch here, one. Neither is evaluated at the end.
using System.Diagnostics;
using System.Globalization;
using Gan.Core.Data;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var epochs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
torch.set_num_threads(1);
var mnist = DatasetCatalog.Load(DatasetCatalog.Mnist);
using var classifier = Classifier.LoadOrTrain(mnist, Classifier.DefaultCacheDirectory, CPU, Console.WriteLine);
using var quick = new Evaluator(classifier, mnist.HeldOut, EvaluationResources.QuickSamples, CPU);

Console.WriteLine($"machine: {Environment.ProcessorCount} cores; 1 libtorch thread; {EvaluationResources.QuickSamples} samples per quick score; epochs of 80 steps (batch 100); {rounds} rounds");
foreach (var (arch, archEpochs) in new[] { ("mlp", epochs), ("dcgan-small", 1) })
{
    var options = new TrainerOptions { Arch = arch, Steps = archEpochs * 80, Device = "cpu", Lr = 5e-4, ScoreEvery = 1 };
    Seconds(options with { Steps = 20 }, quick);
    var with = new List<double>();
    var without = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        without.Add(Seconds(options, null));
        with.Add(Seconds(options, quick));
        Console.Error.WriteLine($"{arch} round {round + 1}: without {without[^1]:F2} s, with {with[^1]:F2} s");
    }
    var (a, b) = (Median(with), Median(without));
    var perScore = (a - b) / archEpochs;
    var perStep = b / (archEpochs * 80);
    Console.WriteLine(FormattableString.Invariant(
        $"{arch}: {archEpochs * 80} steps in {b:F2} s without quick scores, {a:F2} s with {archEpochs}; one quick score {perScore * 1000:F0} ms, the time of {perScore / perStep:F0} training steps"));
}
Console.WriteLine($"command: bench/run.sh quickscore {rounds} {epochs}");

static double Seconds(TrainerOptions options, Evaluator? quick)
{
    using var trainer = new Trainer(options, DatasetCatalog.Load(DatasetCatalog.Mnist).Train, new MemorySink(), quickEvaluator: quick);
    var clock = Stopwatch.StartNew();
    trainer.Run();
    return clock.Elapsed.TotalSeconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
