using System.Diagnostics;
using Gan.Core.Checkpoints;
using Gan.Core.Data;
using Gan.Core.Evaluation;
using Gan.Core.Imaging;
using Gan.Core.Metrics;
using Gan.Core.Models;
using Gan.Core.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Gan.Core.Training;

/// <summary>
/// Trains one GAN under one configuration (a trial), as the tutorials do: D learns real images
/// (target 1 − label_smoothing) against detached fakes (target 0), then G learns through D with
/// target 1. It records balance metrics, epoch-end sample pictures and checkpoints into a sink,
/// and watches the trial's health. At epoch ends every <see cref="TrainerOptions.ScoreEvery"/>
/// steps or so (and wherever early stopping asks) it scores the generator cheaply (<see cref="MetricNames.QuickFid"/>) and keeps the best-scoring one,
/// since GANs often get worse with more training; without a quick score (the toy lab) it keeps
/// the one whose D outputs were closest to 0.5, the toy lab's "best performing model". At the end
/// it scores the kept generator, or the last one when <see cref="TrainerOptions.Evaluate"/> says so.
/// </summary>
public sealed partial class Trainer : IDisposable
{
    private const int GridSamples = 100;
    /// <summary>Logging intervals in a row whose mean D(G(z)) must stay under <see cref="OverpowerThreshold"/> for the d_overpowers flag.</summary>
    public const int OverpowerIntervals = 5;
    /// <summary>The mean D(G(z)) under which an interval counts towards the d_overpowers flag.</summary>
    public const double OverpowerThreshold = 0.02;
    /// <summary>A loss above which the trial has diverged.</summary>
    /// <remarks>
    /// A BCE-with-logits loss this large means logits of that magnitude: the sigmoid is saturated
    /// far past float precision and training cannot recover, even if nothing is NaN yet.
    /// </remarks>
    public const double DivergedLoss = 1e4;
    private const ulong GridNoiseSalt = 0x5EED_0001;
    private const ulong EvaluationSalt = 0x5EED_0002;
    private const ulong NoiseSalt = 0x5EED_0004;
    private const ulong QuickSalt = 0x5EED_0008;

    private readonly TrainerOptions options;
    private readonly ITrainingSet train;
    private readonly ITrialSink sink;
    private readonly IGeneratorEvaluation? evaluator;
    private readonly Evaluator? quickEvaluator;
    private readonly IEarlyStopping? earlyStopping;
    private readonly Action<MetricRecord>? onRecord;
    private readonly GanPair networks;
    private readonly TrainingStep trainingStep;
    private readonly GeneratorAverage? average;
    private readonly BatchSampler sampler;
    private readonly Generator noise;
    private readonly BalanceAccumulator accumulator;
    private readonly Tensor gridNoise;
    private readonly List<double> fakeScoreHistory = [];
    private long step;
    private HealthFlags flags;
    private MetricRecord? lastRecord;
    private double bestBalance = double.PositiveInfinity;
    private double bestQuickFid = double.PositiveInfinity;
    private long bestStep;
    private byte[]? bestWeights;

    /// <summary>Sets up a trial: the networks, the optimizers and the data, seeded from the options.</summary>
    /// <param name="options">The configuration; validated here.</param>
    /// <param name="train">The training samples: an image set, or the toy lab's gaussian data.</param>
    /// <param name="sink">Where records, artifacts and scores go.</param>
    /// <param name="evaluator">Scores the final generator (<see cref="EvaluationResources.EvaluatorFor"/>); none skips evaluation.</param>
    /// <param name="onRecord">Called with each metric record, for progress displays.</param>
    /// <param name="quickEvaluator">Scores the generator on a small sample at epoch ends, to keep the best one and to stop early; none keeps the best-balanced one.</param>
    /// <param name="earlyStopping">Says when the trial is not worth finishing; none trains to the end.</param>
    /// <exception cref="GanException">The options are invalid.</exception>
    public Trainer(TrainerOptions options, ITrainingSet train, ITrialSink sink, IGeneratorEvaluation? evaluator = null, Action<MetricRecord>? onRecord = null,
        Evaluator? quickEvaluator = null, IEarlyStopping? earlyStopping = null)
    {
        TrainerOptionsValidator.ThrowIfInvalid(options);
        this.options = options;
        this.train = train;
        this.sink = sink;
        this.evaluator = evaluator;
        this.quickEvaluator = quickEvaluator;
        this.earlyStopping = earlyStopping;
        this.onRecord = onRecord;
        Device = Devices.Resolve(options.Device);

        // Initialisation draws from the default generator; seeds above 2⁶³ wrap, as in PyTorch.
        manual_seed(unchecked((long)options.Seed));
        networks = Architectures.Create(options.Arch, options.EffectiveLatentSize, options.Width, train.Shape);
        networks.Generator.to(Device);
        networks.Discriminator.to(Device);
        trainingStep = new TrainingStep(options, networks, train.Shape, Device);
        if (options.EmaDecay > 0)
            average = new GeneratorAverage(options.EmaDecay, networks.Generator, trainingStep.GeneratorValues, GeneratorCopy(train.Shape));
        sampler = train.Batches(options.BatchSize, options.Seed, Device);
        noise = new Generator(options.Seed ^ NoiseSalt, Device);
        TotalSteps = options.Steps ?? Math.Max(1, (options.Epochs ?? 5) * sampler.BatchesPerEpoch / options.DSteps);
        accumulator = new BalanceAccumulator(Device);
        using (var gridGenerator = new Generator(options.Seed ^ GridNoiseSalt, Device))
            gridNoise = randn([GridSamples, options.EffectiveLatentSize], device: Device, generator: gridGenerator).DetachFromDisposeScope();
    }

    /// <summary>Where the trial trains.</summary>
    public Device Device { get; }

    /// <summary>Epoch ends between quick scores: enough that they are <see cref="TrainerOptions.ScoreEvery"/> steps apart.</summary>
    private long EpochsPerScore => Math.Max(1, (long)Math.Ceiling((double)options.ScoreEvery * options.DSteps / sampler.BatchesPerEpoch));

    /// <summary>The number of G steps the trial trains for.</summary>
    public long TotalSteps { get; }

    /// <summary>The steps trained so far.</summary>
    public long Step => step;

    /// <summary>
    /// Whether the last step writes a checkpoint (true unless set). A store drops an ended trial's
    /// checkpoint, so a worker turns it off unless another trial goes on from this one (a
    /// population's stretch): for a trial of a few steps it was a fifth of the trial's time.
    /// </summary>
    public bool LastCheckpoint { get; init; } = true;

    /// <summary>The generator being trained.</summary>
    public nn.Module<Tensor, Tensor> Generator => networks.Generator;

    /// <summary>The generator the trial samples, scores and keeps: the average of G's weights when there is one (<see cref="TrainerOptions.EmaDecay"/>), else G.</summary>
    private GanNetwork Sampled => average?.Network ?? networks.Generator;

    /// <summary>A second generator of the trial's architecture, on its device, for the average.</summary>
    private GanNetwork GeneratorCopy(SampleShape shape)
    {
        // Building networks draws their initial weights from the default generator, which dropout
        // draws from as well; its state is put back, so a trial with an average trains as without.
        using var state = random.get_rng_state();
        var pair = Architectures.Create(options.Arch, options.EffectiveLatentSize, options.Width, shape);
        random.set_rng_state(state);
        pair.Discriminator.Dispose();
        pair.Generator.to(Device);
        return pair.Generator;
    }

    /// <summary>
    /// Trains to the last step (from a checkpoint, if given), then evaluates. A NaN or infinite
    /// loss or weight, or a loss above 10⁴, ends the trial as diverged (seen at a metric record);
    /// early stopping ends it as stopped, scored like a completed one; cancellation ends it as
    /// interrupted, after a checkpoint at the current step.
    /// </summary>
    /// <param name="cancellation">Interrupts the trial.</param>
    /// <param name="resumeFrom">A checkpoint to go on from.</param>
    /// <param name="bestGenerator">With <paramref name="resumeFrom"/>: the best generator kept so far, which the checkpoint does not hold.</param>
    public TrialResult Run(CancellationToken cancellation = default, byte[]? resumeFrom = null, byte[]? bestGenerator = null)
    {
        if (resumeFrom is not null)
        {
            Restore(resumeFrom);
            bestWeights = bestGenerator;
        }
        var clock = Stopwatch.StartNew();
        var stepsAtLastRecord = step;
        while (step < TotalSteps)
        {
            if (cancellation.IsCancellationRequested)
            {
                WriteCheckpoint();
                return Result(TrialStatus.Interrupted, $"Interrupted at step {step}; resume from the checkpoint.");
            }
            var completedBefore = sampler.CompletedEpochs;
            TrainStep();
            step++;
            var epochEnded = sampler.CompletedEpochs > completedBefore;
            var last = step == TotalSteps;
            var score = quickEvaluator is not null && ((epochEnded && sampler.CompletedEpochs % EpochsPerScore == 0) || last || earlyStopping?.ScoresAt(step) == true);
            string? stopReason = null;
            if (step % options.LogEvery == 0 || epochEnded || last || score)
            {
                var stepsPerSecond = (step - stepsAtLastRecord) / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
                clock.Restart();
                stepsAtLastRecord = step;
                if (!Record(stepsPerSecond, score))
                    return Result(TrialStatus.Diverged, $"A loss or a weight became NaN or infinite, or a loss exceeded {DivergedLoss:0}, by step {step}.");
                stopReason = earlyStopping?.Check(lastRecord!, flags);
            }
            if (epochEnded || last || stopReason is not null)
                WriteSampleGrid();
            if (stopReason is not null)
                return Finish(TrialStatus.Stopped, $"at step {step}: {stopReason}");
            if ((epochEnded && !last) || (last && LastCheckpoint))
                WriteCheckpoint();
            // The last step's writes stay open: the final weights and evaluation join them, then the end.
            if (!last)
                sink.Commit();
        }
        return Finish(TrialStatus.Completed, null);
    }

    /// <summary>Ends a trial that trained to its last step or was stopped early: keeps its last generator, then scores one.</summary>
    private TrialResult Finish(TrialStatus status, string? message)
    {
        // The checkpoint resumes an unfinished trial; an ended one is only ever sampled, so
        // the store keeps just these weights of it (a sixth of a checkpoint).
        sink.OnArtifact(new TrialArtifact(ArtifactKind.Generator, sampler.Epoch, step, GeneratorWeights()));
        return Evaluate(status, message);
    }

    private void TrainStep()
    {
        using var scope = NewDisposeScope();
        var values = trainingStep.Run(sampler.Next, noise);
        average?.Update(step);
        using var noGradForMetrics = no_grad();
        accumulator.Add([
            values.LossD.detach(), values.LossG.detach(),
            values.LogitsReal.sigmoid().mean(), values.LogitsFake.sigmoid().mean(), values.LogitsG.sigmoid().mean(),
            values.LogitsReal.gt(0).to(float32).mean(), values.LogitsFake.lt(0).to(float32).mean(),
            values.GradNormD, values.GradNormG,
        ]);
    }

    /// <summary>Makes a metric record, with the quick score if <paramref name="score"/>; false if the trial diverged.</summary>
    private bool Record(double stepsPerSecond, bool score)
    {
        var values = accumulator.ReadAndReset();
        values[MetricNames.StepsPerSecond] = stepsPerSecond;
        QualityReport? quick = null;
        if (score && values.Values.All(double.IsFinite))
        {
            quick = quickEvaluator!.Evaluate(Sampled, options.EffectiveLatentSize, options.Seed ^ QuickSalt);
            values[MetricNames.QuickFid] = quick.Fid;
            values[MetricNames.QuickCoverage] = quick.Coverage;
        }
        lastRecord = new MetricRecord(step, sampler.Epoch, values);
        sink.OnMetrics(lastRecord);
        onRecord?.Invoke(lastRecord);

        if (!values.Values.All(double.IsFinite) || values[MetricNames.LossD] > DivergedLoss || values[MetricNames.LossG] > DivergedLoss || !WeightsFinite())
        {
            flags |= HealthFlags.Diverged;
            return false;
        }
        fakeScoreHistory.Add(values[MetricNames.DFakeBefore]);
        if (fakeScoreHistory.Count >= OverpowerIntervals && fakeScoreHistory.TakeLast(OverpowerIntervals).All(v => v < OverpowerThreshold))
            flags |= HealthFlags.DOverpowers;
        if (quick is not null)
            KeepIfBest(ref bestQuickFid, quick.Fid);
        else if (quickEvaluator is null)
            KeepIfBest(ref bestBalance, Math.Abs(values[MetricNames.DReal] - 0.5) + Math.Abs(values[MetricNames.DFakeBefore] - 0.5));
        return true;
    }

    /// <summary>
    /// Keeps the generator when <paramref name="value"/> beats <paramref name="best"/>: the lowest
    /// quick FID, or, without a quick score, the D outputs closest to 0.5 on real and generated
    /// samples (the balance a GAN converges to), as the toy lab keeps its best model.
    /// </summary>
    private void KeepIfBest(ref double best, double value)
    {
        if (!(value < best))
            return;
        best = value;
        bestStep = step;
        bestWeights = GeneratorWeights();
        sink.OnArtifact(new TrialArtifact(ArtifactKind.BestGenerator, 0, step, bestWeights));
    }

    private bool WeightsFinite()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return networks.Discriminator.parameters().Concat(networks.Generator.parameters()).All(p => p.isfinite().all().item<bool>());
    }

    private void WriteSampleGrid()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var generator = Sampled;
        var wasTraining = generator.training;
        generator.eval();
        var png = train.Picture(generator.forward(gridNoise));
        generator.train(wasTraining);
        sink.OnArtifact(new TrialArtifact(ArtifactKind.SampleGrid, sampler.Epoch, step, png));
    }

    private TrialResult Evaluate(TrialStatus status, string? message)
    {
        if (evaluator is null)
            return Result(status, message);
        var scoredStep = step;
        var scored = Sampled;
        if (options.Evaluate == TrainerOptions.EvaluateBest && quickEvaluator is not null && bestWeights is not null)
        {
            // Training is over: the networks are only scored from here, so they may take the kept weights.
            using var reader = CheckpointReader.FromBytes(bestWeights);
            scored.Read(reader, CheckpointEntries.Generator);
            scoredStep = bestStep;
        }
        var (report, scores) = evaluator.Evaluate(scored, options.EffectiveLatentSize, options.Seed ^ EvaluationSalt);
        if (scores.Count > 0)
            sink.OnMetrics(new MetricRecord(step, sampler.Epoch, scores));
        if (report is null)
            return Result(status, message) with { Scores = scores };
        report = report with { Step = scoredStep };
        if (report.ModeCollapse)
            flags |= HealthFlags.ModeCollapse;
        sink.OnEvaluation(report);
        return Result(status, message, report) with { Scores = scores };
    }

    private TrialResult Result(TrialStatus status, string? message, QualityReport? report = null) =>
        new(status, step, sampler.Epoch, flags, lastRecord, report, message);

    /// <summary>Frees the networks, optimizers, data and buffers.</summary>
    public void Dispose()
    {
        average?.Dispose();
        trainingStep.Dispose();
        networks.Dispose();
        sampler.Dispose();
        noise.Dispose();
        accumulator.Dispose();
        gridNoise.Dispose();
    }
}
