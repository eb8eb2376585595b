using System.Diagnostics;
using Gan.Core.Runtime;

/// <summary>
/// TorchSharp's native library on this machine: build/PatchLibstdcxxVersion.cs renames its one
/// GLIBCXX_3.4.32 requirement in build outputs where the machine's libstdc++ lacks that version
/// (Debian 12). These tests read the real files; the trainer tests show that it then trains.
/// </summary>
public class NativeLibraryTests
{
    private static string OutputCopy => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    private static string LoadedLibstdcxx() =>
        File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).First(f => f.Length >= 6 && Path.GetFileName(f[5]).StartsWith("libstdc++.so", StringComparison.Ordinal))[5];

    private static bool Has(string file, string version) => File.ReadAllBytes(file).AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(version + "\0")) >= 0;

    private static string VersionNeeds(string file)
    {
        using var readelf = Process.Start(new ProcessStartInfo("readelf", ["-V", "-W", file]) { RedirectStandardOutput = true })!;
        var text = readelf.StandardOutput.ReadToEnd();
        readelf.WaitForExit();
        return text[text.IndexOf("Version needs section", StringComparison.Ordinal)..];
    }

    [Fact]
    public void The_output_copy_asks_only_for_libstdcxx_versions_this_machine_has()
    {
        var needs = VersionNeeds(OutputCopy);
        var machineHas32 = Has(LoadedLibstdcxx(), "GLIBCXX_3.4.32");

        Assert.Equal(machineHas32, needs.Contains("GLIBCXX_3.4.32"));
        Assert.Contains("GLIBCXX_3.4.30", needs);
    }

    [Fact]
    public void The_NuGet_cache_keeps_the_library_as_published()
    {
        var cached = Directory.GetFiles(Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "torchsharp"),
            "libLibTorchSharp.so", SearchOption.AllDirectories).Single(p => p.Contains("linux-x64"));

        Assert.Contains("GLIBCXX_3.4.32", VersionNeeds(cached));
    }

    [Fact]
    public void Libtorch_reports_its_build()
    {
        var build = TorchBuild.Read();

        Assert.Equal("2.10.0", build.LibtorchVersion);
        Assert.StartsWith("0.107", build.TorchSharpVersion);
        Assert.StartsWith("mkl", build.Blas);
    }
}
