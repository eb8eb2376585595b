using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gan.Core.Evaluation;

/// <summary>
/// The small CNN that scores samples: conv 32 → pool → conv 64 → pool → fc 128 → fc 10.
/// Its 128 penultimate activations are the feature space FID is measured in.
/// </summary>
public sealed class ClassifierNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Linear head;

    /// <summary>A freshly initialised network for <paramref name="classes"/> classes.</summary>
    public ClassifierNetwork(int classes = 10) : base(nameof(ClassifierNetwork))
    {
        features = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(64 * 7 * 7, FeatureSize), nn.ReLU());
        head = nn.Linear(FeatureSize, classes);
        RegisterComponents();
    }

    /// <summary>The length of the feature vectors.</summary>
    public const int FeatureSize = 128;

    /// <summary>Features [N, 128] of images [N, 1, 28, 28] in [−1, 1].</summary>
    public Tensor Features(Tensor images) => features.forward(images);

    /// <summary>Class logits [N, classes].</summary>
    public override Tensor forward(Tensor images)
    {
        using var f = Features(images);
        return head.forward(f);
    }

    /// <summary>Class logits from features already computed.</summary>
    public Tensor Logits(Tensor features) => head.forward(features);
}
