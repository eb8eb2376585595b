using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;
using static TorchSharp.torch;

/// <summary>
/// Quick scores at epoch ends pick the generator a trial keeps and is scored by; an early-stopping
/// hook ends a trial as stopped, scored and sampled like a completed one. About a minute.
/// </summary>
[Collection(ClassifierCollection.Name)]
public class BestGeneratorTests(ClassifierFixture fixture)
{
    // lr 3e-3 trains fast and then wanders: over 800 steps the best quick score is rarely the last.
    private static TrainerOptions Options(string evaluate = TrainerOptions.EvaluateBest) =>
        new() { Steps = 800, LogEvery = 100, Lr = 3e-3, Seed = 1, EvalSamples = 500, Device = "cpu", Evaluate = evaluate, ScoreEvery = 80 };

    private (TrialResult result, MemorySink sink) Train(TrainerOptions options, IEarlyStopping? stopping = null)
    {
        using var evaluator = new Evaluator(fixture.MnistClassifier, fixture.Mnist.HeldOut, options.EvalSamples, CPU);
        using var quick = new Evaluator(fixture.MnistClassifier, fixture.Mnist.HeldOut, EvaluationResources.QuickSamples, CPU);
        var sink = new MemorySink();
        using var trainer = new Trainer(options, fixture.Mnist.Train, sink, new ImageEvaluation(evaluator), quickEvaluator: quick, earlyStopping: stopping);
        return (trainer.Run(), sink);
    }

    [Fact]
    public void Epoch_ends_carry_a_quick_score_and_the_trial_keeps_and_scores_the_best_generator()
    {
        var (result, sink) = Train(Options());

        // An epoch is 80 steps, and score_every 80: every epoch end carries the quick score.
        var scored = sink.Metrics.Where(r => r.Values.ContainsKey(MetricNames.QuickFid)).ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(e => e * 80L), scored.Select(r => r.Step));
        Assert.All(scored, r => Assert.InRange(r.Values[MetricNames.QuickCoverage], 0, 10));
        var best = scored.MinBy(r => r.Values[MetricNames.QuickFid])!;
        Assert.Equal(best.Step, result.Evaluation!.Step);
        Assert.Equal(best.Step, sink.Artifacts.Last(a => a.Kind == ArtifactKind.BestGenerator).Step);
        Assert.Equal(800, Assert.Single(sink.Artifacts, a => a.Kind == ArtifactKind.Generator).Step);
        // The final score is of the kept generator: the same seed with evaluate: last scores another one.
        var (last, _) = Train(Options(TrainerOptions.EvaluateLast));
        Assert.Equal(800, last.Evaluation!.Step);
        if (best.Step != 800)
            Assert.NotEqual(last.Evaluation.Fid, result.Evaluation.Fid);
    }

    [Fact]
    public void By_default_quick_scores_come_at_the_epoch_ends_about_score_every_steps_apart()
    {
        var (_, sink) = Train(Options() with { ScoreEvery = new TrainerOptions().ScoreEvery, Steps = 1000 });

        // 400 steps are five 80-step epochs: epochs 5 and 10 end at 400 and 800; the last step is always scored.
        Assert.Equal([400L, 800, 1000], sink.Metrics.Where(r => r.Values.ContainsKey(MetricNames.QuickFid)).Select(r => r.Step));
    }

    [Fact]
    public void An_early_stop_ends_the_trial_as_stopped_at_that_step_with_scores_and_a_generator()
    {
        var stopping = new StopAt(300);
        var (result, sink) = Train(Options(), stopping);

        Assert.Equal(TrialStatus.Stopped, result.Status);
        Assert.Equal(300, result.Step);
        Assert.Equal("at step 300: planted: step 300 reached", result.Message);
        // Asked to score at 300, which is no epoch end, the trainer recorded a quick score there.
        Assert.Contains(sink.Metrics, r => r.Step == 300 && r.Values.ContainsKey(MetricNames.QuickFid));
        Assert.Equal(300, Assert.Single(sink.Artifacts, a => a.Kind == ArtifactKind.Generator).Step);
        Assert.NotNull(result.Evaluation);
        Assert.InRange(result.Evaluation!.Step!.Value, 80, 300);
    }

    private sealed class StopAt(long step) : IEarlyStopping
    {
        public bool ScoresAt(long at) => at == step;

        public string? Check(MetricRecord record, HealthFlags flags) => record.Step >= step ? $"planted: step {step} reached" : null;
    }
}
