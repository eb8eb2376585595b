using static TorchSharp.torch;

namespace Gan.Core.Data;

/// <summary>What a GAN learns to imitate: its samples in batches, and a picture of generated ones.</summary>
public interface ITrainingSet
{
    /// <summary>The shape of one sample.</summary>
    Models.SampleShape Shape { get; }

    /// <summary>The number of training samples.</summary>
    int Count { get; }

    /// <summary>Training batches of <paramref name="batchSize"/> samples on <paramref name="device"/>, in an order drawn from <paramref name="seed"/>.</summary>
    BatchSampler Batches(int batchSize, ulong seed, Device device);

    /// <summary>A PNG of generated samples (from fixed noise), shown at each epoch's end.</summary>
    byte[] Picture(Tensor generated);
}
