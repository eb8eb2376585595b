/// <summary>Paths in this repository, found from the test assembly's own place in it.</summary>
internal static class Repository
{
    /// <summary>The folder that holds Sweeps.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path below the root, from its parts.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>
    /// The `sweep` program as this build made it: src/Coordinator's own output, in the same
    /// configuration as these tests, so that it runs with its own dependencies rather than this
    /// folder's (which carry a newer YamlDotNet for KubernetesClient).
    /// </summary>
    public static string SweepAssembly
    {
        get
        {
            // AppContext.BaseDirectory ends in bin/CONFIGURATION/FRAMEWORK/ under this project.
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
            var assembly = Path("src", "Coordinator", "bin", output.Parent!.Name, output.Name, "sweep.dll");
            return File.Exists(assembly) ? assembly : throw new FileNotFoundException($"{assembly} is missing: build Sweeps.sln first.");
        }
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Sweeps.sln")))
                return folder.FullName;
        throw new DirectoryNotFoundException($"No Sweeps.sln above {AppContext.BaseDirectory}.");
    }
}
