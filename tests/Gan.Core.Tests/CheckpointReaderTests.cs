using System.IO.Compression;
using Gan.Core.Checkpoints;
using Gan.Core.Models;

/// <summary>Checkpoints this version cannot read are refused with a message that says what they are and what to do.</summary>
public class CheckpointReaderTests
{
    [Fact]
    public void A_checkpoint_of_the_old_libtorch_binding_is_called_outdated()
    {
        // What libtorch's OutputArchive (the old binding's checkpoints) writes: a zip of
        // pickled records, each under an archive folder.
        var old = Zip(("archive/data.pkl", [0x80, 0x02]), ("archive/version", "3"u8.ToArray()));

        var error = Assert.Throws<GanException>(() => Architectures.LoadGenerator(Architectures.Mlp, 64, 0.25, Gan.Core.Models.SampleShape.Grey28, old, TorchSharp.torch.CPU));

        Assert.Equal(GanErrorCode.OutdatedCheckpoint, error.Code);
        Assert.Equal(CheckpointFormat.OldBindingAdvice, error.Message);
        Assert.Contains("libtorch 1.13 binding", error.Message);
    }

    [Fact]
    public void Bytes_that_are_no_archive_are_called_damaged()
    {
        var error = Assert.Throws<GanException>(() => CheckpointReader.FromBytes([1, 2, 3, 4]));

        Assert.Contains("not a zip archive", error.Message);
    }

    [Fact]
    public void A_checkpoint_of_another_architecture_is_refused_by_name()
    {
        using var pair = Architectures.Create(Architectures.Mlp, 64, 0.25, Gan.Core.Models.SampleShape.Grey28);
        byte[] bytes;
        using (var writer = new CheckpointWriter())
            bytes = writer.Write(CheckpointEntries.Generator, pair.Generator).ToArray();

        var error = Assert.Throws<GanException>(() => Architectures.LoadGenerator(Architectures.Mlp128, 100, 0.25, Gan.Core.Models.SampleShape.Grey28, bytes, TorchSharp.torch.CPU));

        Assert.Contains("no mlp-128 generator with latent size 100", error.Message);
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in entries)
                using (var stream = archive.CreateEntry(name).Open())
                    stream.Write(bytes);
        return buffer.ToArray();
    }
}
