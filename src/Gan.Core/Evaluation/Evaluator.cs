using Gan.Core.Data;
using Gan.Core.Models;
using static TorchSharp.torch;

namespace Gan.Core.Evaluation;

/// <summary>
/// Scores generators against a dataset's held-out images with its classifier: FID, class
/// coverage, the largest class share and the classifier score, and in the same feature space
/// precision, recall, density and coverage (<see cref="NeighbourhoodScores"/>). The real
/// statistics are computed once; every generator is scored on the same number of samples.
/// </summary>
public sealed class Evaluator : IDisposable
{
    private const int Chunk = 500;
    private readonly Classifier classifier;
    private readonly FrechetDistance frechet;
    private readonly NeighbourhoodScores neighbourhood;
    private readonly Device device;

    /// <summary>An evaluator over the first <paramref name="samples"/> held-out images, or all of them where there are fewer.</summary>
    /// <exception cref="GanException">The held-out split has too few images to score with, or <paramref name="samples"/> is too small.</exception>
    public Evaluator(Classifier classifier, ImageSet heldOut, int samples, Device device)
    {
        // A small dataset's scores use what it holds out (shapes holds out 1,000; a folder a tenth
        // of its images): every trial on it still scores the same number of samples.
        samples = Math.Min(samples, heldOut.Count);
        if (samples <= NeighbourhoodScores.K)
            throw new GanException(GanErrorCode.InvalidOption,
                $"{samples} samples are too few to score: quality scores need more than {NeighbourhoodScores.K} held-out images (a tenth of a folder's images are held out, so a folder needs at least {10 * (NeighbourhoodScores.K + 1)}).");
        this.classifier = classifier;
        this.device = device;
        Samples = samples;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var real = FeaturesOf(heldOut.ToTensor(device, samples));
        frechet = new FrechetDistance(real);
        neighbourhood = new NeighbourhoodScores(real);
    }

    /// <summary>Samples scored per generator (and real images they are compared with).</summary>
    public int Samples { get; }

    /// <summary>Scores a generator, drawing its latent vectors from a generator seeded with <paramref name="seed"/>.</summary>
    public QualityReport Evaluate(nn.Module<Tensor, Tensor> generator, int latentSize, ulong seed) => Score(generator, latentSize, seed).Report;

    /// <summary>The quality report of a generator and its precision, recall, density and coverage, from latent vectors drawn from a generator seeded with <paramref name="seed"/>.</summary>
    public ImageScores Score(nn.Module<Tensor, Tensor> generator, int latentSize, ulong seed) =>
        GeneratorSampling.Scored(generator, seed, device, noise =>
        {
            var images = new List<Tensor>();
            GeneratorSampling.InBatches(generator, Samples, latentSize, noise, device, (_, batch) => images.Add(batch.MoveToOuterDisposeScope()));
            return Score(cat(images));
        });

    /// <summary>Scores a set of images [N, C, H, W] in [−1, 1]; an unlabelled dataset's have a FID and no class scores.</summary>
    public QualityReport Evaluate(Tensor images) => Score(images).Report;

    /// <summary>The quality report of images [N, C, H, W] in [−1, 1], and their precision, recall, density and coverage.</summary>
    public ImageScores Score(Tensor images)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var features = FeaturesOf(images);
        return new ImageScores(Report(images, features), neighbourhood.Of(features));
    }

    private QualityReport Report(Tensor images, Tensor features)
    {
        var fid = frechet.To(features);
        var n = (int)images.shape[0];
        // An unlabelled dataset's network tells rotations, not classes: there is nothing to count.
        if (!classifier.Labelled)
            return new QualityReport(fid, 0, 0, 0, [], n, ModeCollapse: false);
        var probabilities = nn.functional.softmax(classifier.Network.Logits(features).to(float64), 1);
        var counts = new int[probabilities.shape[1]];
        foreach (var predicted in probabilities.argmax(1).cpu().data<long>())
            counts[predicted]++;
        var coverage = counts.Count(c => c >= QualityReport.CoveredShare * n);
        var marginal = probabilities.mean([0], keepdim: true);
        var klPerSample = (probabilities * ((probabilities + 1e-12).log() - (marginal + 1e-12).log())).sum([1]);
        var score = Math.Exp(klPerSample.mean().item<double>());
        return new QualityReport(fid, coverage, counts.Max() / (double)n, score, counts, n,
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
    public void Dispose()
    {
        frechet.Dispose();
        neighbourhood.Dispose();
    }
}

/// <summary>What an <see cref="Evaluator"/> finds of a set of images.</summary>
/// <param name="Report">FID and the class scores.</param>
/// <param name="Neighbourhood">Precision, recall, density and coverage in the same feature space.</param>
public sealed record ImageScores(QualityReport Report, Neighbourhood Neighbourhood);
