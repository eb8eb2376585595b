using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>
/// The Keras tutorial's DCGAN discriminator: conv 64/128/256/512, kernel 5, strides 2, 2, 2, 1,
/// each with LeakyReLU 0.2 and Dropout 0.2, then dense → one logit. Channel counts are given
/// already scaled by the width.
/// </summary>
public sealed class DcganDiscriminator : GanNetwork
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Conv2d conv3;
    private readonly Conv2d conv4;
    private readonly Linear output;
    private readonly LeakyReLU activation;
    private readonly Dropout dropout;

    /// <summary>Builds it with libtorch's default initialisation (<see cref="DcganArchitecture"/> re-initialises it as the tutorial does).</summary>
    /// <param name="c64">The channels of the tutorial's 64-channel layer, scaled.</param>
    /// <param name="c128">The 128-channel layer's, scaled.</param>
    /// <param name="c256">The 256-channel layer's, scaled.</param>
    /// <param name="c512">The 512-channel layer's, scaled.</param>
    public DcganDiscriminator(long c64, long c128, long c256, long c512) : base(nameof(DcganDiscriminator))
    {
        conv1 = nn.Conv2d(1, c64, 5, stride: 2, padding: 2);
        activation = nn.LeakyReLU(0.2);
        dropout = nn.Dropout(0.2);
        conv2 = nn.Conv2d(c64, c128, 5, stride: 2, padding: 2);
        conv3 = nn.Conv2d(c128, c256, 5, stride: 2, padding: 2);
        conv4 = nn.Conv2d(c256, c512, 5, stride: 1, padding: 2);
        // 28 → 14 → 7 → 4 → 4.
        output = nn.Linear(c512 * 4 * 4, 1);
        RegisterComponents();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string?> SequentialLayers =>
        [nameof(conv1), null, null, nameof(conv2), null, null, nameof(conv3), null, null, nameof(conv4), null, null, null, nameof(output)];

    /// <inheritdoc />
    public override Tensor forward(Tensor images)
    {
        using var first = Block(conv1, images);
        using var second = Block(conv2, first);
        using var third = Block(conv3, second);
        using var fourth = Block(conv4, third);
        using var flat = fourth.flatten(1);
        return output.forward(flat);
    }

    private Tensor Block(Conv2d conv, Tensor input)
    {
        using var convolved = conv.forward(input);
        using var activated = activation.forward(convolved);
        return dropout.forward(activated);
    }
}
