using Gan.Core.Data;
using Gan.Core.Checkpoints;
using static TorchSharp.torch;

public class BatchSamplerTests
{
    // Image i holds the value i everywhere, so a batch shows which images it gathered.
    private static BatchSampler Sampler(int count, int batchSize, ulong seed)
    {
        using var values = arange(0, count, dtype: float32);
        return new BatchSampler(values.reshape(count, 1, 1, 1), batchSize, seed);
    }

    private static long[] Ids(Tensor batch) => batch.reshape(-1).data<float>().Select(v => (long)v).ToArray();

    [Fact]
    public void An_epoch_serves_each_image_at_most_once_and_drops_the_partial_batch()
    {
        using var sampler = Sampler(10, 3, seed: 1);

        var seen = new List<long>();
        for (var i = 0; i < 3; i++)
            using (var batch = sampler.Next())
                seen.AddRange(Ids(batch));

        Assert.Equal(3, sampler.BatchesPerEpoch);
        Assert.True(sampler.EpochFinished);
        Assert.Equal(1, sampler.CompletedEpochs);
        Assert.Equal(9, seen.Distinct().Count());
        using var next = sampler.Next();
        Assert.Equal(2, sampler.Epoch);
        Assert.Equal(1, sampler.CompletedEpochs);
    }

    [Fact]
    public void The_same_seed_gives_the_same_order_and_another_seed_another()
    {
        using var a = Sampler(50, 10, seed: 7);
        using var b = Sampler(50, 10, seed: 7);
        using var c = Sampler(50, 10, seed: 8);

        using var batchA = a.Next();
        using var batchB = b.Next();
        using var batchC = c.Next();

        Assert.Equal(Ids(batchA), Ids(batchB));
        Assert.NotEqual(Ids(batchA), Ids(batchC));
    }

    [Fact]
    public void Restore_continues_mid_epoch_with_the_same_batches()
    {
        using var original = Sampler(40, 4, seed: 3);
        for (var i = 0; i < 13; i++)
            original.Next().Dispose();
        byte[] saved;
        using (var writer = new CheckpointWriter())
        {
            original.Save(writer);
            saved = writer.ToArray();
        }
        var expected = Enumerable.Range(0, 12).SelectMany(_ => { using var b = original.Next(); return Ids(b); }).ToArray();

        using var restored = Sampler(40, 4, seed: 99);
        using (var reader = CheckpointReader.FromBytes(saved))
            restored.Restore(reader);
        var actual = Enumerable.Range(0, 12).SelectMany(_ => { using var b = restored.Next(); return Ids(b); }).ToArray();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Constructor_throws_when_the_batch_is_larger_than_the_set()
    {
        var error = Assert.Throws<GanException>(() => Sampler(5, 6, seed: 0));

        Assert.Contains("batch_size 6 is larger than the 5 training images", error.Message);
    }
}
