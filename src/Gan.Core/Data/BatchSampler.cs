using Gan.Core.Checkpoints;
using static TorchSharp.torch;

namespace Gan.Core.Data;

/// <summary>
/// Serves training batches. Each epoch draws a permutation from the sampler's own seeded
/// generator (on the CPU, so that the order is the same on every device and for either kind of
/// set); a batch is the samples at the next slice of it. A set held resident on the device is
/// gathered there, so no host arrays are made per batch; a set too large for that (a mapped
/// image folder) is gathered by a function given the indices on the CPU. The last partial batch
/// of an epoch is dropped. Its position (epoch, permutation, batch) can be saved and restored exactly.
/// </summary>
public sealed class BatchSampler : IDisposable
{
    // One or the other: the samples resident on the device, or what fetches them by index.
    private readonly Tensor? images;
    private readonly Func<Tensor, Tensor>? gather;
    private readonly Generator generator;
    private readonly Device indexDevice;
    private Tensor? permutation;

    /// <summary>A sampler over <paramref name="samples"/> (which it takes ownership of), resident on their device.</summary>
    public BatchSampler(Tensor samples, int batchSize, ulong seed)
        : this(samples.shape[0], batchSize, seed, samples.device)
    {
        images = samples.DetachFromDisposeScope();
    }

    /// <summary>A sampler over <paramref name="count"/> samples that <paramref name="gather"/> fetches by index (int64, on the CPU).</summary>
    public BatchSampler(long count, Func<Tensor, Tensor> gather, int batchSize, ulong seed)
        : this(count, batchSize, seed, CPU)
    {
        this.gather = gather;
    }

    private BatchSampler(long count, int batchSize, ulong seed, Device indexDevice)
    {
        BatchSize = batchSize;
        this.indexDevice = indexDevice;
        Count = count;
        if (BatchesPerEpoch == 0)
            throw new GanException(GanErrorCode.InvalidOption, $"batch_size {batchSize} is larger than the {Count} training images.");
        generator = new Generator(seed, CPU);
    }

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Images in the set.</summary>
    public long Count { get; }

    /// <summary>Full batches per epoch.</summary>
    public long BatchesPerEpoch => Count / BatchSize;

    /// <summary>Epochs begun so far (1 during the first).</summary>
    public long Epoch { get; private set; }

    /// <summary>Batches served in the current epoch.</summary>
    public long Position { get; private set; }

    /// <summary>Whether the current epoch's batches are all served.</summary>
    public bool EpochFinished => permutation is not null && Position == BatchesPerEpoch;

    /// <summary>Epochs whose batches are all served.</summary>
    public long CompletedEpochs => EpochFinished ? Epoch : Math.Max(Epoch - 1, 0);

    /// <summary>The next batch (B samples), starting a new epoch when the last one is finished.</summary>
    public Tensor Next()
    {
        if (permutation is null || Position == BatchesPerEpoch)
        {
            permutation?.Dispose();
            using var order = randperm(Count, generator: generator);
            permutation = order.to(indexDevice).DetachFromDisposeScope();
            Epoch++;
            Position = 0;
        }
        using var index = permutation.narrow(0, Position * BatchSize, BatchSize);
        Position++;
        return gather is null ? images!.index_select(0, index) : gather(index);
    }

    /// <summary>Writes the position and the generator's state into a checkpoint.</summary>
    public void Save(CheckpointWriter writer)
    {
        using var state = generator.get_state();
        writer.Write("data/rng", state).WriteJson("data/position", new[] { Epoch, Position });
        if (permutation is not null)
        {
            using var host = permutation.cpu();
            writer.Write("data/permutation", host);
        }
    }

    /// <summary>Restores what <see cref="Save"/> wrote.</summary>
    public void Restore(CheckpointReader reader)
    {
        using (var state = reader.ReadTensor("data/rng"))
            generator.set_state(state);
        var position = reader.ReadJson<long[]>("data/position");
        (Epoch, Position) = (position[0], position[1]);
        permutation?.Dispose();
        permutation = null;
        if (reader.Has("data/permutation"))
        {
            using var saved = reader.ReadTensor("data/permutation");
            permutation = saved.to(indexDevice).DetachFromDisposeScope();
        }
    }

    /// <summary>Frees the resident samples, if any, and the generator.</summary>
    public void Dispose()
    {
        images?.Dispose();
        permutation?.Dispose();
        generator.Dispose();
    }
}
