using Gan.Core.Data;

public class IdxFileTests
{
    private static readonly IdxArray Sample = new([2, 3], [1, 2, 3, 4, 5, 255]);

    [Theory]
    [InlineData("sample-idx2-ubyte")]
    [InlineData("sample-idx2-ubyte.gz")]
    public void Write_then_Read_round_trips_raw_and_gzip(string name)
    {
        using var folder = new TempDirectory();
        var path = folder.File(name);

        IdxFile.Write(path, Sample);
        var read = IdxFile.Read(path);

        Assert.Equal(Sample.Dimensions, read.Dimensions);
        Assert.Equal(Sample.Data, read.Data);
        Assert.Equal(name.EndsWith(".gz"), File.ReadAllBytes(path) is [0x1f, 0x8b, ..]);
    }

    [Fact]
    public void Read_throws_when_file_is_missing()
    {
        var error = Assert.Throws<GanException>(() => IdxFile.Read("/no/such/train-images-idx3-ubyte"));

        Assert.Equal(GanErrorCode.MissingFile, error.Code);
        Assert.Contains("/no/such/train-images-idx3-ubyte", error.Message);
    }

    [Fact]
    public void Read_throws_when_file_is_truncated()
    {
        using var folder = new TempDirectory();
        var path = folder.File("t-idx2-ubyte");
        IdxFile.Write(path, Sample);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^2]);

        var error = Assert.Throws<GanException>(() => IdxFile.Read(path));

        Assert.Equal(GanErrorCode.CorruptFile, error.Code);
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated: the header promises 6 bytes of data but the file holds 4", error.Message);
    }

    [Fact]
    public void Read_throws_when_gzip_is_corrupt()
    {
        using var folder = new TempDirectory();
        var path = folder.File("t-idx2-ubyte.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef]);

        var error = Assert.Throws<GanException>(() => IdxFile.Read(path));

        Assert.Equal(GanErrorCode.CorruptFile, error.Code);
        Assert.Contains("corrupt gzip", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 8, 1, 0, 0, 0, 1, 7 }, "bad magic number")]
    [InlineData(new byte[] { 0, 0, 0x0D, 1, 0, 0, 0, 1, 7 }, "element type 0x0d is not supported")]
    [InlineData(new byte[] { 0, 0, 8, 9 }, "9 dimensions")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 0, 0, 1 }, "header is truncated")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 7, 7 }, "1 unexpected bytes")]
    [InlineData(new byte[] { 0, 0 }, "too short")]
    public void Parse_names_what_is_wrong(byte[] bytes, string problem)
    {
        var error = Assert.Throws<GanException>(() => IdxFile.Parse(bytes, "labels.idx"));

        Assert.StartsWith("labels.idx: ", error.Message);
        Assert.Contains(problem, error.Message);
    }
}
