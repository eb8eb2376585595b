namespace Torch;

/// <summary>
/// Which BLAS libtorch is running on. Debian's libtorch links the generic libblas.so.3; if the
/// alternative points at the reference BLAS, matrix products run an order of magnitude slower
/// than with OpenBLAS.
/// </summary>
public static class BlasCheck
{
    private static readonly string[] OptimisedLibraries = ["openblas", "libmkl", "libblis", "atlas"];

    /// <summary>
    /// The warning to show when the reference BLAS is loaded in this process, or null if an
    /// optimised BLAS (or none) is. Call it after libtorch is loaded.
    /// </summary>
    public static string? Warning()
    {
        const string maps = "/proc/self/maps";
        return File.Exists(maps) ? WarningFor(File.ReadAllText(maps)) : null;
    }

    /// <summary>The warning for a process whose memory map is <paramref name="mapsText"/> (the text of /proc/self/maps).</summary>
    public static string? WarningFor(string mapsText)
    {
        var files = mapsText.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6)
            .Select(fields => fields[5])
            .Distinct()
            .ToList();
        var blas = files.FirstOrDefault(f => Path.GetFileName(f).StartsWith("libblas.so", StringComparison.Ordinal));
        if (blas is null || files.Any(f => OptimisedLibraries.Any(Path.GetFileName(f).Contains)))
            return null;
        return $"libtorch is using the reference BLAS ({blas}), which trains about 14 times slower. " +
               "Install OpenBLAS: run ./setup.sh, or apt-get install libopenblas0-openmp.";
    }
}
