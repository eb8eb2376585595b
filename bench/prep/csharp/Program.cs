// Prepares a folder of images the way a trial on `dataset: images` does the first time
// (Gan.Core.Data.ImageFolder: decode, scale, crop, write the uint8 cache), into a fresh cache.
// Usage: PrepBench FOLDER SIDE CACHE    prints images_per_second=<value>
using System.Diagnostics;
using System.Globalization;
using Gan.Core.Data;

var (folder, side, cache) = (args[0], int.Parse(args[1], CultureInfo.InvariantCulture), args[2]);
var clock = Stopwatch.StartNew();
using var dataset = ImageFolder.Load("images", folder, side, 3, cache);
var images = dataset.Train.Count + dataset.HeldOut.Count;
Console.WriteLine(FormattableString.Invariant($"images_per_second={images / clock.Elapsed.TotalSeconds:F1}"));
