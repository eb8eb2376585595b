using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

/// <summary>
/// The images, built here from deploy/docker's Dockerfiles as users build them, with each public
/// base image that a Dockerfile's ARG names by default replaced, through that ARG, by its offline
/// stand-in from deploy/docker/local-bases.sh: a Dockerfile that names the wrong public image
/// gets the stand-in of that wrong image. Shared by the tests of the <see cref="ImageCollection"/>, so each
/// image is built once per run; podman's layer cache keeps later runs short.
/// </summary>
public sealed partial class Images : IDisposable
{
    private readonly Lazy<IReadOnlyDictionary<string, string>> bases = new(MakeBases);
    private readonly Dictionary<string, string> built = [];

    /// <summary>Fails every test of the collection, with the reason, where images cannot be built here.</summary>
    public Images()
    {
        if (Podman.Missing is { } missing)
            throw new InvalidOperationException($"Cannot build or run the images: {missing}.");
        RemoveInterruptedBuilds();
    }

    /// <summary>
    /// Removes the untagged images the builds left: the images these tags held before, and the
    /// build stages. Each run left about 9 GB of them, and repeated runs filled the disk.
    /// </summary>
    public void Dispose()
    {
        if (built.Count > 0)
            Podman.Check("image", "prune", "--force");
    }

    /// <summary>
    /// Removes the working containers that interrupted builds left (a test run killed mid-build
    /// leaves one per stage): `image prune` refuses to run while they hold their images. Only
    /// those made before this run started, so a build going on elsewhere keeps its own.
    /// </summary>
    private static void RemoveInterruptedBuilds()
    {
        var started = new DateTimeOffset(Process.GetCurrentProcess().StartTime).ToUnixTimeSeconds();
        var left = JsonDocument.Parse(Podman.Check("ps", "--all", "--external", "--format", "json")).RootElement.EnumerateArray()
            .Where(c => c.GetProperty("State").GetString() == "storage" && c.GetProperty("Created").GetInt64() < started)
            .Select(c => c.GetProperty("Id").GetString()!).ToList();
        if (left.Count > 0)
            Podman.Check(["rm", "--force", .. left]);
    }

    /// <summary>The CPU image, as `docker build -f deploy/docker/cpu.Dockerfile .` makes it.</summary>
    public string Cpu => Build("cpu.Dockerfile", "localhost/sweep-test:cpu");

    /// <summary>
    /// The GPU image with the CPU libtorch in place of TorchSharp-cuda, which is not served here,
    /// and Debian 12 in place of the CUDA base: what can be built of it without NVIDIA's images.
    /// </summary>
    public string GpuWithCpuLibtorch => Build("gpu.Dockerfile", "localhost/sweep-test:gpu-with-cpu-libtorch", ("TORCH_BACKEND", "cpu"));

    /// <summary>The CPU image built on the public .NET runtime image (its stand-in), which lacks ASP.NET Core.</summary>
    public string CpuOnNetCoreOnlyRuntime => Build("cpu.Dockerfile", "localhost/sweep-test:cpu-netcore-only", ("DOTNET_RUNTIME", Bases["mcr.microsoft.com/dotnet/runtime"]));

    /// <summary>The stand-ins, by the public image (without its tag) each stands in for.</summary>
    public IReadOnlyDictionary<string, string> Bases => bases.Value;

    /// <summary>The frameworks /app/sweep.runtimeconfig.json names that the image's .NET lacks.</summary>
    public static IReadOnlyList<string> MissingFrameworks(string image)
    {
        var config = JsonDocument.Parse(Podman.Check("run", "--rm", "--entrypoint", "cat", image, "/app/sweep.runtimeconfig.json"));
        var named = config.RootElement.GetProperty("runtimeOptions").GetProperty("frameworks").EnumerateArray()
            .Select(f => f.GetProperty("name").GetString()!).ToList();
        // `dotnet --list-runtimes`: "Microsoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.NETCore.App]".
        var present = Podman.Check("run", "--rm", "--entrypoint", "dotnet", image, "--list-runtimes")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToHashSet();
        return [.. named.Where(n => !present.Contains(n))];
    }

    private string Build(string dockerfile, string tag, params (string name, string value)[] overrides)
    {
        lock (built)
        {
            if (built.TryGetValue(tag, out var image))
                return image;
            var path = Repository.Path("deploy", "docker", dockerfile);
            var arguments = BaseArgument().Matches(File.ReadAllText(path))
                .ToDictionary(m => m.Groups["name"].Value, m => Bases.TryGetValue(m.Groups["image"].Value, out var standIn) ? standIn
                    : throw new InvalidOperationException($"{dockerfile}: ARG {m.Groups["name"].Value} names {m.Value}, which deploy/docker/local-bases.sh has no stand-in for."));
            foreach (var (name, value) in overrides)
                arguments[name] = value;
            List<string> build = ["build", "--pull=never", "--network", "host", "--file", path, "--tag", tag];
            foreach (var (name, value) in arguments)
                build.AddRange(["--build-arg", $"{name}={value}"]);
            // The restore finds this machine's packages (setup.sh restored the same ones) instead
            // of downloading libtorch again; the Dockerfile is unchanged by it.
            build.AddRange(["--volume", $"{NuGetPackages}:/root/.nuget/packages:ro", Repository.Root]);
            Podman.Check([.. build]);
            return built[tag] = tag;
        }
    }

    private static IReadOnlyDictionary<string, string> MakeBases()
    {
        var (exitCode, output, error) = Tool.Run("env", null, $"CONTAINERS_CONF={Podman.Settings}", Repository.Path("deploy", "docker", "local-bases.sh"));
        if (exitCode != 0)
            throw new InvalidOperationException($"deploy/docker/local-bases.sh exited with {exitCode}:\n{error}\n{output}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    private static string NuGetPackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>An ARG whose default is an image, "name:tag": the ones the FROM lines use.</summary>
    [GeneratedRegex(@"^ARG\s+(?<name>[A-Z_]+)=(?<image>[a-z0-9./-]+):[\w.-]+$", RegexOptions.Multiline)]
    private static partial Regex BaseArgument();
}

/// <summary>The tests that share the built <see cref="Images"/>, one at a time.</summary>
[CollectionDefinition(nameof(ImageCollection))]
public sealed class ImageCollection : ICollectionFixture<Images>;
