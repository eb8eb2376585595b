using TorchSharp;
using Gan.Core.Data;
using Gan.Core.Evaluation;
using static TorchSharp.torch;

[Collection(ClassifierCollection.Name)]
public class EvaluatorTests(ClassifierFixture fixture)
{
    private Evaluator Evaluator(int samples = 1000) => new(fixture.MnistClassifier, fixture.Mnist.HeldOut, samples, CPU);

    [Fact]
    public void Fid_between_disjoint_real_sets_is_under_5_percent_of_noise_against_real()
    {
        using var evaluator = Evaluator();
        using var real = fixture.Mnist.Train.ToTensor(CPU, 1000);
        manual_seed(0);
        using var uniform = rand([1000, 1, 28, 28]);
        using var noise = uniform * 2.0 - 1.0;

        var realFid = evaluator.Evaluate(real).Fid;
        var noiseFid = evaluator.Evaluate(noise).Fid;

        Assert.True(realFid < 0.05 * noiseFid, $"FID real {realFid:F1}, noise {noiseFid:F1}");
    }

    [Fact]
    public void Real_digits_cover_every_class_with_a_high_classifier_score()
    {
        using var evaluator = Evaluator();
        using var real = fixture.Mnist.Train.ToTensor(CPU, 1000);

        var report = evaluator.Evaluate(real);

        Assert.Equal(10, report.Coverage);
        Assert.False(report.ModeCollapse);
        Assert.InRange(report.ClassifierScore, 8, 10);
        Assert.InRange(report.LargestClassShare, 0.1, 0.15);
        Assert.Equal(1000, report.ClassCounts.Sum());
    }

    [Fact]
    public void Coverage_flags_a_generator_that_outputs_one_digit()
    {
        using var evaluator = Evaluator();
        var threes = Enumerable.Range(0, fixture.Mnist.Train.Count).Where(i => fixture.Mnist.Train.Labels![i] == 3).Take(500).Select(i => (long)i).ToArray();
        using var all = fixture.Mnist.Train.ToTensor(CPU);
        using var index = tensor(threes);
        using var onlyThrees = all.index_select(0, index);

        var report = evaluator.Evaluate(onlyThrees);

        Assert.True(report.ModeCollapse);
        Assert.True(report.Coverage <= 2);
        Assert.True(report.LargestClassShare > 0.9);
        Assert.Equal(report.ClassCounts.Max(), report.ClassCounts[3]);
        Assert.InRange(report.ClassifierScore, 1, 1.5);
    }

    [Fact]
    public void Asking_for_more_samples_than_are_held_out_scores_all_of_them()
    {
        using var evaluator = Evaluator(samples: 5000);

        Assert.Equal(2000, evaluator.Samples);
    }
}
