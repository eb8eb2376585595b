using static TorchSharp.torch;

namespace Gan.Core.Data;

/// <summary>What a GAN learns to imitate: its samples as one tensor, and a picture of generated ones.</summary>
public interface ITrainingSet
{
    /// <summary>The shape of one sample.</summary>
    Models.SampleShape Shape { get; }

    /// <summary>The number of training samples.</summary>
    int Count { get; }

    /// <summary>All the samples as one float tensor on <paramref name="device"/>, first dimension the sample.</summary>
    Tensor ToTensor(Device device);

    /// <summary>A PNG of generated samples (from fixed noise), shown at each epoch's end.</summary>
    byte[] Picture(Tensor generated);
}
