using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gan.Core.Runtime;
using Gan.Core.Models;

namespace Gan.Core.Data;

/// <summary>
/// A folder of the user's images as a dataset, after torchvision's ImageFolder: one subfolder
/// per class gives labels (files nested deeper belong to their top folder's class), a folder
/// with no subfolders is unlabelled. Every file is tried, whatever its name; those SkiaSharp
/// cannot decode are skipped and counted. The images are prepared once into uint8 files in the
/// cache (every tenth kept apart as the held-out split), keyed by the files' names, sizes and
/// modification times and by the shape asked for, and mapped into memory when trained on.
/// </summary>
public static class ImageFolder
{
    // 1: the first layout (train and held-out .u8 files, and a .json beside them written last).
    private const int FormatVersion = 1;
    private const int HeldOutEvery = 10;
    private const int Named = 5;
    private const int Chunk = 256;

    /// <summary>The cached images' folder inside the cache.</summary>
    public static string CacheFolder(string cacheDirectory) => Path.Combine(cacheDirectory, "images");

    // Validation asks a folder's shape once for every trial of a sweep: the answer is kept for the
    // process. What a trial trains on comes from Load, which keys the folder by its content.
    private static readonly ConcurrentDictionary<(string Folder, int Side), SampleShape> Shapes = new();

    /// <summary>The shape of the folder's prepared images: channels as asked, else 3 if any image is in colour, 1 if all are grey.</summary>
    /// <exception cref="GanException">The folder is missing or holds no images.</exception>
    public static SampleShape ShapeOf(string folder, int side, int? channels, string cacheDirectory)
    {
        if (channels is { } asked)
            return new SampleShape(asked, side, side);
        var key = (Path.GetFullPath(folder), side);
        if (Shapes.TryGetValue(key, out var known))
            return known;
        var listing = List(folder);
        if (Metadata.TryRead(Paths(cacheDirectory, listing, side, channels).Metadata) is { } prepared)
            return Shapes[key] = prepared.Shape;
        // Headers only, read lazily: a colour folder answers at its first colour file.
        var headers = listing.Files.Where(f => !listing.Labelled || f.Class is not null).Select(f => ImageDecoder.ReadHeader(f.Path)).OfType<ImageHeader>();
        return DefaultChannels(headers) is { } found ? Shapes[key] = new SampleShape(found, side, side) : throw NoImages(folder, listing.Files.Count);
    }

    // The data's channels: 3 if any image is in colour, else 1; null when there is no image. It
    // stops at the first colour image, so a lazy sequence of headers is read no further.
    private static int? DefaultChannels(IEnumerable<ImageHeader> headers)
    {
        int? channels = null;
        foreach (var header in headers)
        {
            if (!header.Grey)
                return 3;
            channels = 1;
        }
        return channels;
    }

    /// <summary>Loads the folder's prepared images from the cache, preparing them first if the folder changed or was never prepared.</summary>
    /// <exception cref="GanException">The folder is missing, holds no usable image, an image is smaller than <paramref name="side"/>, or more than 256 classes.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired; nothing was cached.</exception>
    public static Dataset Load(string name, string folder, int side, int? channels, string cacheDirectory, Action<string>? log = null, CancellationToken cancellation = default)
    {
        var listing = List(folder);
        var paths = Paths(cacheDirectory, listing, side, channels);
        if (Prepared(paths) is not { } metadata)
        {
            Directory.CreateDirectory(CacheFolder(cacheDirectory));
            // Two trials that start on the same folder prepare it once: one works while the other waits.
            using var gate = CacheLock.Acquire(paths.Metadata + ".lock", () => log?.Invoke($"Waiting for another process to prepare {folder}..."), cancellation);
            metadata = Prepared(paths) ?? Prepare(listing, side, channels, paths, log, cancellation);
        }
        else if (metadata.Skipped > 0)
            log?.Invoke($"{folder}: prepared before; {Skips(metadata)}");
        return new Dataset(name, Open(paths.Train, metadata, metadata.TrainLabels, metadata.TrainCount), Open(paths.HeldOut, metadata, metadata.HeldOutLabels, metadata.HeldOutCount), paths.Key);
    }

    // The cache entry, if it is whole: its metadata, and both pixel files at the lengths it says (a
    // file deleted or cut short by hand is prepared again rather than mapped).
    private static Metadata? Prepared(CachePaths paths) =>
        Metadata.TryRead(paths.Metadata) is { } metadata
        && Length(paths.Train) == (long)metadata.TrainCount * metadata.Shape.Size
        && Length(paths.HeldOut) == (long)metadata.HeldOutCount * metadata.Shape.Size
            ? metadata
            : null;

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : -1;

    private static ImageSet Open(string path, Metadata metadata, byte[]? labels, int count) =>
        new(count == 0 ? ImagePixels.InMemory([]) : ImagePixels.Mapped(path, (long)count * metadata.Shape.Size), metadata.Shape, count, labels, metadata.Classes);

    private static Metadata Prepare(Listing listing, int side, int? channels, CachePaths paths, Action<string>? log, CancellationToken cancellation)
    {
        var started = DateTime.UtcNow;
        log?.Invoke($"Preparing {listing.Files.Count:N0} files in {listing.Folder} as {side}×{side} images (once; cached in {Path.GetDirectoryName(paths.Metadata)})...");
        var skipped = new List<string>();
        var usable = new List<(ListedFile File, ImageHeader Header)>();
        var headers = new ImageHeader?[listing.Files.Count];
        Parallel.For(0, listing.Files.Count, new ParallelOptions { CancellationToken = cancellation }, i => headers[i] = ImageDecoder.ReadHeader(listing.Files[i].Path));
        for (var i = 0; i < listing.Files.Count; i++)
        {
            var file = listing.Files[i];
            if (headers[i] is not { } header)
                skipped.Add($"{file.Relative} (not an image SkiaSharp can decode)");
            else if (listing.Labelled && file.Class is null)
                skipped.Add($"{file.Relative} (outside the class folders)");
            else
                usable.Add((file, header));
        }
        if (usable.Count == 0)
            throw NoImages(listing.Folder, listing.Files.Count);
        // Upscaling would make blur part of what the GAN learns: a smaller image is refused, and the message says which image_size every image allows.
        var small = usable.Where(u => Math.Min(u.Header.Width, u.Header.Height) < side).ToList();
        if (small.Count > 0)
            throw new GanException(GanErrorCode.InvalidOption,
                $"{listing.Folder}: {small.Count} image{(small.Count == 1 ? " is" : "s are")} smaller than image_size {side} (e.g. {string.Join(", ", small.Take(Named).Select(s => $"{s.File.Relative}, {s.Header.Width}×{s.Header.Height}"))}); "
                + $"sweep does not upscale. Set image_size to at most {usable.Min(u => Math.Min(u.Header.Width, u.Header.Height))}, or remove the small images.");
        var classes = listing.Labelled ? usable.Select(u => u.File.Class!).Distinct().Order(StringComparer.Ordinal).ToList() : [];
        if (classes.Count > 256)
            throw new GanException(GanErrorCode.InvalidOption, $"{listing.Folder}: {classes.Count} class folders; sweep takes at most 256. Gather the images into one folder to train unlabelled.");
        var shape = new SampleShape(channels ?? DefaultChannels(usable.Select(u => u.Header))!.Value, side, side);

        var (trainLabels, heldOutLabels) = (new List<byte>(), new List<byte>());
        var kept = 0;
        using (var train = File.Create(paths.Train + ".tmp"))
        using (var heldOut = File.Create(paths.HeldOut + ".tmp"))
        {
            var buffer = new byte[Chunk * shape.Size];
            var decoded = new bool[Chunk];
            for (var start = 0; start < usable.Count; start += Chunk)
            {
                var length = Math.Min(Chunk, usable.Count - start);
                Parallel.For(0, length, new ParallelOptions { CancellationToken = cancellation },
                    i => decoded[i] = ImageDecoder.TryDecode(usable[start + i].File.Path, side, shape.Channels, buffer.AsSpan(i * shape.Size, shape.Size)));
                for (var i = 0; i < length; i++)
                {
                    var file = usable[start + i].File;
                    if (!decoded[i])
                    {
                        skipped.Add($"{file.Relative} (corrupt or truncated)");
                        continue;
                    }
                    var label = file.Class is null ? (byte)0 : (byte)classes.IndexOf(file.Class);
                    var toHeldOut = kept++ % HeldOutEvery == HeldOutEvery - 1;
                    (toHeldOut ? heldOut : train).Write(buffer, i * shape.Size, shape.Size);
                    (toHeldOut ? heldOutLabels : trainLabels).Add(label);
                }
            }
        }
        if (kept == 0)
            throw NoImages(listing.Folder, listing.Files.Count);
        var metadata = new Metadata(FormatVersion, shape.Channels, side, trainLabels.Count, heldOutLabels.Count,
            listing.Labelled ? [.. trainLabels] : null, listing.Labelled ? [.. heldOutLabels] : null, classes, skipped.Count, [.. skipped.Take(Named)]);
        // The pixels first, the metadata last and each by rename: a reader that finds the metadata finds whole files.
        File.Move(paths.Train + ".tmp", paths.Train, overwrite: true);
        File.Move(paths.HeldOut + ".tmp", paths.HeldOut, overwrite: true);
        File.WriteAllText(paths.Metadata + ".tmp", JsonSerializer.Serialize(metadata));
        File.Move(paths.Metadata + ".tmp", paths.Metadata, overwrite: true);
        var what = listing.Labelled ? $"{classes.Count} classes" : "unlabelled";
        log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"Prepared {kept:N0} images ({metadata.TrainCount:N0} to train, {metadata.HeldOutCount:N0} held out, {what}) in {(DateTime.UtcNow - started).TotalSeconds:F1} s")
            + (skipped.Count > 0 ? $"; {Skips(metadata)}" : "."));
        return metadata;
    }

    private static string Skips(Metadata metadata) =>
        $"{metadata.Skipped} file{(metadata.Skipped == 1 ? "" : "s")} skipped: {string.Join(", ", metadata.FirstSkipped)}{(metadata.Skipped > metadata.FirstSkipped.Length ? ", …" : "")}.";

    private static GanException NoImages(string folder, int files) =>
        new(GanErrorCode.MissingFile, $"{folder}: no usable image among its {files} file{(files == 1 ? "" : "s")}. Point data_dir at a folder of PNG, JPEG, BMP, GIF or WebP images (one subfolder per class, or none).");

    private static Listing List(string folder)
    {
        if (!Directory.Exists(folder))
            throw new GanException(GanErrorCode.MissingFile, $"{folder}: no such folder. Set data_dir to a folder of images.");
        var root = Path.GetFullPath(folder);
        var files = Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden })
            .Select(path => Path.GetRelativePath(root, path))
            .Order(StringComparer.Ordinal)
            .Select(relative =>
            {
                var info = new FileInfo(Path.Combine(root, relative));
                var separator = relative.IndexOf(Path.DirectorySeparatorChar);
                return new ListedFile(info.FullName, relative, separator < 0 ? null : relative[..separator], info.Length, info.LastWriteTimeUtc.Ticks);
            })
            .ToList();
        return new Listing(root, files, files.Any(f => f.Class is not null));
    }

    private static CachePaths Paths(string cacheDirectory, Listing listing, int side, int? channels)
    {
        var key = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"v{FormatVersion} {side} {channels}\n"));
        foreach (var file in listing.Files)
            key.Append(CultureInfo.InvariantCulture, $"{file.Relative}\0{file.Length}\0{file.Modified}\n");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..20];
        var stem = Path.Combine(CacheFolder(cacheDirectory), hash);
        return new CachePaths($"images-{hash}", stem + ".json", stem + ".train.u8", stem + ".heldout.u8");
    }

    private sealed record ListedFile(string Path, string Relative, string? Class, long Length, long Modified);

    private sealed record Listing(string Folder, IReadOnlyList<ListedFile> Files, bool Labelled);

    private sealed record CachePaths(string Key, string Metadata, string Train, string HeldOut);

    private sealed record Metadata(int Version, int Channels, int Side, int TrainCount, int HeldOutCount, byte[]? TrainLabels, byte[]? HeldOutLabels,
        IReadOnlyList<string> Classes, int Skipped, string[] FirstSkipped)
    {
        public SampleShape Shape => new(Channels, Side, Side);

        public static Metadata? TryRead(string path)
        {
            try
            {
                return File.Exists(path) && JsonSerializer.Deserialize<Metadata>(File.ReadAllText(path)) is { Version: FormatVersion } metadata ? metadata : null;
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                // A damaged entry is prepared again, under the lock, and replaced.
                return null;
            }
        }
    }
}
