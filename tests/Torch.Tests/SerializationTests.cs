using Torch.Modules;
using Torch.Serialization;
using static Torch.torch;

public class SerializationTests
{
    private static Sequential Model() =>
        nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.LeakyReLU(0.2), nn.Linear(8, 2));

    [Fact]
    public void Module_bytes_round_trip_reproduces_outputs_exactly()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var original = Model();
        original.forward(randn([16, 4]));   // moves the running statistics away from their defaults
        original.eval();
        var input = randn([5, 4]);
        var expected = original.forward(input).data<float>();

        manual_seed(2);
        using var copy = Model();
        copy.eval();
        Assert.NotEqual(expected, copy.forward(input).data<float>());
        copy.LoadBytes(original.ToBytes());

        Assert.Equal(expected, copy.forward(input).data<float>());
    }

    [Fact]
    public void Module_file_round_trip_reproduces_outputs_exactly()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(Path.GetTempPath(), $"module-{Guid.NewGuid():N}.pt");
        try
        {
            using var original = nn.Linear(3, 3);
            using var copy = nn.Linear(3, 3);
            var input = randn([2, 3]);
            original.save(path);

            copy.load(path);

            Assert.Equal(original.forward(input).data<float>(), copy.forward(input).data<float>());
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void One_archive_holds_modules_optimizers_and_tensors()
    {
        using var scope = NewDisposeScope();
        using var g = nn.Linear(2, 2);
        using var d = nn.Linear(2, 1);
        using var adam = optim.Adam(g.parameters(), 0.1);
        byte[] bytes;
        using (var writer = new ArchiveWriter())
            bytes = writer.Write("g", g).Write("d", d).Write("opt_g", adam).Write("step", tensor(new long[] { 42 })).ToArray();

        using var reader = ArchiveReader.FromBytes(bytes);
        using var d2 = nn.Linear(2, 1);
        reader.Read("d", d2);
        reader.Read("opt_g", adam);

        Assert.Equal(42, reader.Read("step").item<long>());
        Assert.Equal(d.weight.data<float>(), d2.weight.data<float>());
        Assert.Null(reader.TryRead("missing"));
        Assert.Throws<KeyNotFoundException>(() => reader.Read("missing"));
        Assert.Throws<KeyNotFoundException>(() => reader.Read("opt_d", adam));
    }

    [Fact]
    public void Loading_into_another_architecture_fails_and_leaves_the_module_unchanged()
    {
        using var small = nn.Linear(2, 2);
        using var large = nn.Linear(3, 2);
        var before = large.weight.data<float>();

        var error = Assert.Throws<ArgumentException>(() => large.LoadBytes(small.ToBytes()));

        Assert.Contains("weight", error.Message);
        Assert.Equal(before, large.weight.data<float>());
    }

    [Fact]
    public void FromBytes_throws_when_the_bytes_are_corrupt()
    {
        using var layer = nn.Linear(2, 2);
        var bytes = layer.ToBytes();
        var truncated = bytes.AsSpan(0, bytes.Length / 2).ToArray();

        Assert.Throws<TorchException>(() => ArchiveReader.FromBytes(truncated));
        Assert.Throws<TorchException>(() => ArchiveReader.FromBytes("not an archive"u8));
    }
}
