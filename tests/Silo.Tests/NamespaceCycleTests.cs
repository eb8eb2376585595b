using System.Text.RegularExpressions;

/// <summary>
/// Arrows between folders point one way (docs/architecture.md): within each project, no
/// namespace reaches, through its files' <c>using</c> directives and qualified names, a namespace
/// that reaches it back.
/// </summary>
public partial class NamespaceCycleTests
{
    public static TheoryData<string> Projects() => ["Gan.Core", "Silo", "Coordinator"];

    [Theory]
    [MemberData(nameof(Projects))]
    public void No_namespace_of_a_project_depends_on_one_that_depends_on_it(string project)
    {
        var uses = new Dictionary<string, HashSet<string>>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src", project), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/")))
        {
            var text = File.ReadAllText(file);
            if (Namespace().Match(text) is not { Success: true } declared)
                continue;
            var own = declared.Groups[1].Value;
            var targets = uses.TryGetValue(own, out var set) ? set : uses[own] = [];
            foreach (var reference in References(project).SelectMany(pattern => pattern.Matches(text)).Select(m => m.Groups[1].Value))
                if (reference != own)
                    targets.Add(reference);
        }

        var cycles = uses.Keys.Where(start => Reaches(uses, start, start)).Order().ToList();

        Assert.True(cycles.Count == 0, $"These namespaces of {project} reach themselves: {string.Join(", ", cycles)}.");
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> uses, string from, string target)
    {
        var seen = new HashSet<string>();
        var next = new Stack<string>(uses.GetValueOrDefault(from) ?? []);
        while (next.TryPop(out var current))
        {
            if (current == target)
                return true;
            if (seen.Add(current))
                foreach (var onward in uses.GetValueOrDefault(current) ?? [])
                    next.Push(onward);
        }
        return false;
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    /// <summary>Where a file names a namespace of <paramref name="project"/> (its first level below the project): using directives, and qualified names in code.</summary>
    private static Regex[] References(string project) =>
    [
        new($@"^using (?:static )?({Regex.Escape(project)}(?:\.\w+)?)\b", RegexOptions.Multiline),
        new($@"(?<![\w.])({Regex.Escape(project)}\.[A-Z]\w*)\.[A-Z]"),
    ];

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sweeps.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException("Sweeps.sln not found above " + AppContext.BaseDirectory);
    }
}
