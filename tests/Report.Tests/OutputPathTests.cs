using System.Diagnostics;
using Coordinator.Cli;

/// <summary>
/// The paths users hand to `report -o`, `samples -o` and `generate -o`: anything but a regular file
/// or a new name is refused with exit 2 and left as it was; a symbolic link is followed to its
/// regular file and stays a link; a full disk leaves the earlier file whole.
/// </summary>
public sealed class OutputPathTests(ReportSweeps sweeps) : IClassFixture<ReportSweeps>
{
    /// <summary>A command of each kind that writes a user-named file, with -o left for the test.</summary>
    public static TheoryData<string> Writers => new() { "report tiny", "samples 1", "generate 1 -n 10" };

    private (int exitCode, string output, string error) Write(string command, string output) =>
        SweepProcess.Run([.. command.Split(' '), "--db", sweeps.Database, "-o", output]);

    private string NewPath(string name) => Path.Combine(Directory.CreateDirectory(Path.Combine(sweeps.Folder, Guid.NewGuid().ToString("N"))).FullName, name);

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_fifo_is_refused_and_left_a_fifo(string command)
    {
        var fifo = NewPath("pipe");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
            mkfifo.WaitForExit();

        var (exitCode, _, error) = Write(command, fifo);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("it is a device, a FIFO or a socket, not a regular file", error, StringComparison.Ordinal);
        Assert.Equal(Gan.Core.Runtime.FileKind.Special, Gan.Core.Runtime.FileKinds.Of(fifo));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_link_to_a_device_is_refused_and_stays_a_link(string command)
    {
        var link = NewPath("full");
        File.CreateSymbolicLink(link, "/dev/full");

        var (exitCode, _, error) = Write(command, link);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("not a regular file", error, StringComparison.Ordinal);
        Assert.Equal("/dev/full", new FileInfo(link).LinkTarget);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_folder_is_refused_with_one_line(string command)
    {
        var folder = Path.GetDirectoryName(NewPath("x"))!;

        var (exitCode, _, error) = Write(command, folder);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("folder", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_link_to_a_regular_file_is_followed_and_stays_a_link(string command)
    {
        var target = NewPath("real-output");
        File.WriteAllText(target, "old");
        var link = Path.Combine(Path.GetDirectoryName(NewPath("x"))!, "link");
        File.CreateSymbolicLink(link, target);

        var (exitCode, output, error) = Write(command, link);

        Assert.True(exitCode == ExitCodes.Ok, output + error);
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.True(new FileInfo(target).Length > 3);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(target)!, "*.tmp"));
    }

    [MountFact]
    public void A_report_that_fills_the_disk_leaves_the_earlier_report_whole()
    {
        var disk = Path.GetDirectoryName(NewPath("x"))!;
        SmallDisk.Mount(disk, "size=256k");
        try
        {
            var report = Path.Combine(disk, "report.html");
            File.WriteAllText(report, "the earlier report");

            var (exitCode, _, error) = Write("report tiny", report);

            Assert.Equal(ExitCodes.BadInput, exitCode);
            Assert.Contains("writing it failed", error, StringComparison.Ordinal);
            Assert.Contains("nothing was replaced", error, StringComparison.Ordinal);
            Assert.Equal("the earlier report", File.ReadAllText(report));
            Assert.Equal([report], Directory.GetFiles(disk));
        }
        finally
        {
            SmallDisk.Unmount(disk);
        }
    }
}
