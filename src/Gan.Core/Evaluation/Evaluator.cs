using Gan.Core.Data;
using Gan.Core.Models;
using static TorchSharp.torch;

namespace Gan.Core.Evaluation;

/// <summary>
/// Scores generators against a dataset's held-out images with its classifier: FID, class
/// coverage, the largest class share and the classifier score. The real statistics are
/// computed once; every generator is scored on the same number of samples.
/// </summary>
public sealed class Evaluator : IGeneratorEvaluation, IDisposable
{
    private const int Chunk = 500;
    private readonly Classifier classifier;
    private readonly FrechetDistance frechet;
    private readonly Device device;

    /// <summary>An evaluator over the first <paramref name="samples"/> held-out images.</summary>
    /// <exception cref="GanException">The held-out split has fewer images than <paramref name="samples"/>.</exception>
    public Evaluator(Classifier classifier, ImageSet heldOut, int samples, Device device)
    {
        if (samples < 2 || samples > heldOut.Count)
            throw new GanException(GanErrorCode.InvalidOption, $"eval_samples {samples} must be between 2 and the {heldOut.Count} held-out images.");
        this.classifier = classifier;
        this.device = device;
        Samples = samples;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        frechet = new FrechetDistance(FeaturesOf(heldOut.ToTensor(device, samples)));
    }

    /// <summary>Samples scored per generator (and real images they are compared with).</summary>
    public int Samples { get; }

    /// <summary>Scores a generator, drawing its latent vectors from a generator seeded with <paramref name="seed"/>.</summary>
    public QualityReport Evaluate(nn.Module<Tensor, Tensor> generator, int latentSize, ulong seed) =>
        GeneratorSampling.Scored(generator, seed, device, noise =>
        {
            var images = new List<Tensor>();
            GeneratorSampling.InBatches(generator, Samples, latentSize, noise, device, (_, batch) => images.Add(batch.MoveToOuterDisposeScope()));
            return Evaluate(cat(images));
        });

    /// <inheritdoc />
    GeneratorScores IGeneratorEvaluation.Evaluate(nn.Module<Tensor, Tensor> generator, int latentSize, ulong seed) =>
        new(Evaluate(generator, latentSize, seed), new Dictionary<string, double>());

    /// <summary>Scores a set of images [N, 1, 28, 28] in [−1, 1].</summary>
    public QualityReport Evaluate(Tensor images)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var features = FeaturesOf(images);
        var fid = frechet.To(features);
        var probabilities = nn.functional.softmax(classifier.Network.Logits(features).to(float64), 1);
        var counts = new int[probabilities.shape[1]];
        foreach (var predicted in probabilities.argmax(1).cpu().data<long>())
            counts[predicted]++;
        var n = (double)images.shape[0];
        var coverage = counts.Count(c => c >= QualityReport.CoveredShare * n);
        var marginal = probabilities.mean([0], keepdim: true);
        var klPerSample = (probabilities * ((probabilities + 1e-12).log() - (marginal + 1e-12).log())).sum([1]);
        var score = Math.Exp(klPerSample.mean().item<double>());
        return new QualityReport(fid, coverage, counts.Max() / n, score, counts, (int)n,
            ModeCollapse: coverage < QualityReport.CoverageThreshold * counts.Length);
    }

    private Tensor FeaturesOf(Tensor images)
    {
        var chunks = new List<Tensor>();
        for (var start = 0L; start < images.shape[0]; start += Chunk)
            chunks.Add(classifier.Network.Features(images.narrow(0, start, Math.Min(Chunk, images.shape[0] - start))));
        return cat(chunks);
    }

    /// <summary>Frees the real statistics (not the classifier, which the caller owns).</summary>
    public void Dispose() => frechet.Dispose();
}
