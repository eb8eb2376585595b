using System.Text.RegularExpressions;

/// <summary>
/// The images' Dockerfiles, as far as they can be checked without a container engine: the
/// linter dockerfile-utils (the one VS Code's Docker support uses), and the rules the issue sets
/// for them, read from their instructions.
/// </summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Dockerfiles => ["cpu.Dockerfile", "gpu.Dockerfile"];

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Lints_clean(string dockerfile)
    {
        var (exitCode, report) = Lint(Repository.Path("deploy", "docker", dockerfile));

        Assert.True(exitCode == 0 && report.Trim().Length == 0, report);
    }

    [Fact]
    public void The_linter_fails_a_broken_dockerfile()
    {
        var broken = Path.Combine(Directory.CreateTempSubdirectory("sweep-dockerfile-").FullName, "Dockerfile");
        File.WriteAllText(broken, "FROM debian:12.12\nEXPOSE http\nCOPY\n");

        var (exitCode, report) = Lint(broken);

        Assert.Equal(1, exitCode);
        Assert.Contains("Invalid containerPort: http", report, StringComparison.Ordinal);
        Assert.Contains("COPY requires at least two arguments", report, StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(broken)!, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Is_multi_stage_from_base_image_arguments_and_runs_sweep_as_a_non_root_user(string dockerfile)
    {
        var instructions = Instructions(Repository.Path("deploy", "docker", dockerfile));
        var arguments = BaseImages(instructions);
        var bases = instructions.Where(i => i.keyword == "FROM").Select(i => i.arguments.Split(' ')[0]).ToList();
        var final = instructions.Skip(instructions.FindLastIndex(i => i.keyword == "FROM")).ToList();

        Assert.True(bases.Count >= 2, "multi-stage");
        // Every base is a build argument (CI builds the same file on local stand-ins).
        Assert.All(bases, image => Assert.Contains(image.Trim('$', '{', '}'), arguments.Keys));
        Assert.Matches(@"^\d+(:\d+)?$", final.Last(i => i.keyword == "USER").arguments);
        Assert.DoesNotMatch(@"^0(:|$)", final.Last(i => i.keyword == "USER").arguments);
        Assert.Equal("[\"sweep\"]", final.Single(i => i.keyword == "ENTRYPOINT").arguments);
        Assert.Contains(final, i => i.keyword == "COPY" && i.arguments.StartsWith("--from=build ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Base_images_are_pinned_by_digest_or_full_version(string dockerfile)
    {
        var images = BaseImages(Instructions(Repository.Path("deploy", "docker", dockerfile))).Values;

        Assert.All(images, image => Assert.True(Pinned(image), $"{image} is not pinned by digest or full version"));
    }

    [Fact]
    public void The_pin_rule_refuses_floating_tags()
    {
        Assert.All(["mcr.microsoft.com/dotnet/aspnet:10.0", "debian:12", "node:20-bookworm-slim", "debian:latest", "nvidia/cuda:12.8-runtime"], image => Assert.False(Pinned(image), image));
        Assert.All(["mcr.microsoft.com/dotnet/aspnet:10.0.12", "debian:12.12-slim", "node:20.19.5-bookworm-slim", "debian@sha256:" + new string('a', 64)], image => Assert.True(Pinned(image), image));
    }

    /// <summary>
    /// A digest, or a tag that starts with the whole version its publisher releases by: Debian's
    /// MAJOR.POINT ("12.12"), everyone else's MAJOR.MINOR.PATCH.
    /// </summary>
    private static bool Pinned(string image) =>
        Regex.IsMatch(image, "@sha256:[0-9a-f]{64}$")
        || Regex.IsMatch(image, image.StartsWith("debian:", StringComparison.Ordinal) ? @":\d+\.\d+(-[\w.-]+)?$" : @":\d+\.\d+\.\d+(-[\w.-]+)?$");

    /// <summary>The ARGs whose default is an image, by name.</summary>
    private static Dictionary<string, string> BaseImages(List<(string keyword, string arguments)> instructions) =>
        instructions.Where(i => i.keyword == "ARG" && i.arguments.Contains('=') && (i.arguments.Contains(':') || i.arguments.Contains('@')))
            .Select(i => i.arguments.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [Fact]
    public void The_build_context_leaves_out_build_outputs_tests_and_git()
    {
        var ignored = File.ReadAllLines(Repository.Path(".dockerignore")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.Superset(new HashSet<string> { ".git/", "**/bin/", "**/obj/", "tests/", "**/node_modules/", ".tools/" }, ignored.ToHashSet());
    }

    private static (int exitCode, string report) Lint(string dockerfile)
    {
        var (exitCode, output, error) = Tool.Run("node", null, Repository.Path("tests", "Deploy.Tests", "models", "node_modules", ".bin", "dockerfile-utils"), "lint", dockerfile);
        return (exitCode, output + error);
    }

    /// <summary>Each instruction's keyword and arguments, continuation lines joined and comments dropped.</summary>
    private static List<(string keyword, string arguments)> Instructions(string dockerfile)
    {
        var joined = string.Join('\n', File.ReadAllLines(dockerfile).Where(l => !l.TrimStart().StartsWith('#'))).Replace("\\\n", " ", StringComparison.Ordinal);
        return [.. joined.Split('\n').Where(l => l.Trim().Length > 0).Select(l => l.Trim().Split(' ', 2)).Select(p => (p[0].ToUpperInvariant(), p.Length > 1 ? p[1].Trim() : ""))];
    }
}
