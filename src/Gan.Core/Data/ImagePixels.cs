using System.IO.MemoryMappedFiles;

namespace Gan.Core.Data;

/// <summary>
/// Where an image set's bytes live: an array in memory (the IDX datasets, the generated shapes),
/// or a prepared cache file mapped into memory (image folders), whose pages the kernel reads in
/// as batches touch them and may drop again, so a set larger than the worker's memory trains.
/// </summary>
public abstract class ImagePixels : IDisposable
{
    /// <summary>Bytes held in memory.</summary>
    public static ImagePixels InMemory(byte[] bytes) => new ArrayPixels(bytes);

    /// <summary>The first <paramref name="length"/> bytes (at least one) of <paramref name="path"/>, mapped read-only.</summary>
    public static ImagePixels Mapped(string path, long length) => new MappedPixels(path, length);

    /// <summary>The whole array, when the bytes are in memory; null when they are mapped.</summary>
    public virtual byte[]? Array => null;

    /// <summary>Copies <paramref name="count"/> bytes from <paramref name="offset"/> into <paramref name="destination"/> at <paramref name="start"/>.</summary>
    public abstract void Read(long offset, byte[] destination, int start, int count);

    /// <summary>Unmaps the file, if any.</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);

    private sealed class ArrayPixels(byte[] bytes) : ImagePixels
    {
        public override byte[]? Array => bytes;

        public override void Read(long offset, byte[] destination, int start, int count) =>
            bytes.AsSpan((int)offset, count).CopyTo(destination.AsSpan(start, count));
    }

    private sealed class MappedPixels : ImagePixels
    {
        private readonly MemoryMappedFile file;
        private readonly MemoryMappedViewAccessor view;

        public MappedPixels(string path, long length)
        {
            file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        }

        public override void Read(long offset, byte[] destination, int start, int count) =>
            view.ReadArray(offset, destination, start, count);

        public override void Dispose()
        {
            view.Dispose();
            file.Dispose();
            base.Dispose();
        }
    }
}
