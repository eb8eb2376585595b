using Coordinator;
using Silo.Search;
using System.Diagnostics;
using Coordinator.Cli;
using Silo.Stores;
using Coordinator.Sweeps;

/// <summary>
/// A sweep store on read-only media: reading works and changes nothing, writing says what is
/// wrong. Root ignores file permissions, so under root the commands run as the unprivileged
/// user nobody, as a user without write access would.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyMediaTests : IDisposable
{
    private const UnixFileMode ReadOnlyFile = (UnixFileMode)0b100_100_100;   // 0444
    private const UnixFileMode ReadOnlyFolder = (UnixFileMode)0b101_101_101; // 0555
    private const UnixFileMode OpenFolder = (UnixFileMode)0b111_101_101;     // 0755

    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweep-readonly-" + Guid.NewGuid().ToString("N"));
    private readonly string media;

    public ReadOnlyMediaTests()
    {
        Directory.CreateDirectory(folder);
        media = Path.Combine(folder, "media");
        Directory.CreateDirectory(media);
        using (var store = SqliteSweepStore.Open(Path.Combine(media, "sweeps.db")))
        {
            var sweep = SweepFileParser.Parse("name: archived\nparameters:\n  lr: {values: [0.0002, 0.001]}", "archived.yaml");
            store.CreateSweep(sweep.ToNewSweep(), sweep.Trials);
        }
        File.SetUnixFileMode(Path.Combine(media, "sweeps.db"), ReadOnlyFile);
        File.SetUnixFileMode(media, ReadOnlyFolder);
        // nobody must reach the media through the test's folder.
        File.SetUnixFileMode(folder, OpenFolder);
    }

    public void Dispose()
    {
        File.SetUnixFileMode(media, OpenFolder);
        Directory.Delete(folder, recursive: true);
    }

    private static (int exitCode, string output, string error) RunWithoutWriteAccess(params string[] args)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asRoot)
            foreach (var arg in new[] { "-u", "nobody", "--", Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet" })
                start.ArgumentList.Add(arg);
        start.ArgumentList.Add(typeof(SweepCli).Assembly.Location);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["HOME"] = start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "sweep hung");
        return (process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void Reading_works_writing_says_the_media_is_read_only_and_nothing_changes()
    {
        var database = Path.Combine(media, "sweeps.db");
        var before = File.ReadAllBytes(database);

        var show = RunWithoutWriteAccess("show", "archived", "--format", "csv", "--db", database);
        var ls = RunWithoutWriteAccess("ls", "--db", database);
        var resume = RunWithoutWriteAccess("resume", "archived", "--db", database);
        var create = RunWithoutWriteAccess("run", Path.Combine(SweepFileParserTests.RepositoryRoot(), "sweeps", "lr-grid.yaml"), "--db", Path.Combine(media, "new.db"));

        Assert.True(show.exitCode == ExitCodes.Ok, show.error);
        Assert.Equal(3, show.output.TrimEnd().Split('\n').Length);
        Assert.True(ls.exitCode == ExitCodes.Ok, ls.error);
        Assert.Contains("archived", ls.output);
        Assert.Equal(ExitCodes.BadInput, resume.exitCode);
        Assert.Contains("cannot be written: the file or its folder is read-only", resume.error);
        Assert.Equal(ExitCodes.BadInput, create.exitCode);
        Assert.Contains("Cannot create", create.error);
        Assert.Equal(before, File.ReadAllBytes(database));
        Assert.Equal(["sweeps.db"], Directory.GetFiles(media).Select(Path.GetFileName));
    }
}
