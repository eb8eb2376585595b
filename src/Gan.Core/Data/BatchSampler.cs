using Torch;

namespace Gan.Core.Data;

/// <summary>
/// Serves training batches from a set held resident on the device as one tensor. Each epoch
/// draws a permutation from the sampler's own seeded generator; a batch is a gather by index
/// on the device, so no host arrays are made per batch. The last partial batch of an epoch is
/// dropped. Its position (epoch, permutation, batch) can be saved and restored exactly.
/// </summary>
public sealed class BatchSampler : IDisposable
{
    private readonly Tensor images;
    private readonly Generator generator;
    private readonly Device device;
    private Tensor? permutation;

    /// <summary>A sampler over <paramref name="images"/> (which it takes ownership of).</summary>
    public BatchSampler(Tensor images, int batchSize, ulong seed)
    {
        this.images = images.DetachFromDisposeScope();
        BatchSize = batchSize;
        device = images.device;
        Count = images.shape[0];
        if (BatchesPerEpoch == 0)
            throw new GanException(GanErrorCode.InvalidOption, $"batch_size {batchSize} is larger than the {Count} training images.");
        generator = new Generator(seed);
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

    /// <summary>The next batch [B, 1, 28, 28], starting a new epoch when the last one is finished.</summary>
    public Tensor Next()
    {
        if (permutation is null || Position == BatchesPerEpoch)
        {
            permutation?.Dispose();
            permutation = torch.randperm(Count, generator, device).DetachFromDisposeScope();
            Epoch++;
            Position = 0;
        }
        using var index = permutation.narrow(0, Position * BatchSize, BatchSize);
        Position++;
        return images.index_select(0, index);
    }

    /// <summary>Writes the position and the generator's state into a checkpoint.</summary>
    public void Save(Torch.Serialization.ArchiveWriter writer)
    {
        using var state = generator.get_state();
        using var position = torch.tensor(new[] { Epoch, Position });
        writer.Write("data/rng", state).Write("data/position", position);
        if (permutation is not null)
            writer.Write("data/permutation", permutation);
    }

    /// <summary>Restores what <see cref="Save"/> wrote.</summary>
    public void Restore(Torch.Serialization.ArchiveReader reader)
    {
        using (var state = reader.Read("data/rng"))
        using (var hostState = state.cpu())
            generator.set_state(hostState);
        using (var position = reader.Read("data/position"))
        {
            var values = position.data<long>();
            (Epoch, Position) = (values[0], values[1]);
        }
        permutation?.Dispose();
        using var saved = reader.TryRead("data/permutation");
        permutation = saved?.to(device).DetachFromDisposeScope();
    }

    /// <summary>Frees the resident images and the generator.</summary>
    public void Dispose()
    {
        images.Dispose();
        permutation?.Dispose();
        generator.Dispose();
    }
}
