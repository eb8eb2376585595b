using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gan.Core.Evaluation;

/// <summary>
/// The small CNN that scores samples: conv 32 → pool → conv 64 → pool → 7×7 → fc 128 → fc classes.
/// Its 128 penultimate activations are the feature space FID is measured in. Images larger
/// than 32×32 are first averaged down to 32×32, which keeps its cost that of MNIST's at any
/// size; at 28×28 the 7×7 pooling is the identity, so MNIST's network is the tutorial's.
/// </summary>
public sealed class ClassifierNetwork : nn.Module<Tensor, Tensor>
{
    private const int LargestSide = 32;
    private readonly Sequential features;
    private readonly Linear head;

    /// <summary>A freshly initialised network for <paramref name="classes"/> classes of images of <paramref name="channels"/> channels.</summary>
    public ClassifierNetwork(int classes = 10, int channels = 1) : base(nameof(ClassifierNetwork))
    {
        features = nn.Sequential(
            nn.Conv2d(channels, 32, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),
            nn.AdaptiveAvgPool2d(7), nn.Flatten(), nn.Linear(64 * 7 * 7, FeatureSize), nn.ReLU());
        head = nn.Linear(FeatureSize, classes);
        RegisterComponents();
    }

    /// <summary>The length of the feature vectors.</summary>
    public const int FeatureSize = 128;

    /// <summary>Features [N, 128] of images [N, C, H, W] in [−1, 1].</summary>
    public Tensor Features(Tensor images)
    {
        if (images.shape[^1] <= LargestSide)
            return features.forward(images);
        using var smaller = nn.functional.adaptive_avg_pool2d(images, [LargestSide, LargestSide]);
        return features.forward(smaller);
    }

    /// <summary>Class logits [N, classes].</summary>
    public override Tensor forward(Tensor images)
    {
        using var f = Features(images);
        return head.forward(f);
    }

    /// <summary>Class logits from features already computed.</summary>
    public Tensor Logits(Tensor features) => head.forward(features);
}
