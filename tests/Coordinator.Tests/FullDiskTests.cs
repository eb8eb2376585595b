using Coordinator.Cli;
using Silo.Stores;

/// <summary>A real full disk: a 3 MB tmpfs that the first checkpoint overflows.</summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly string disk = Path.Combine(Path.GetTempPath(), "sweep-full-" + Guid.NewGuid().ToString("N"));

    public FullDiskTests() => Directory.CreateDirectory(disk);

    public void Dispose()
    {
        SmallDisk.Unmount(disk);
        Directory.Delete(disk, recursive: true);
    }

    [MountFact]
    public void Trials_failed_by_a_full_disk_exit_3_and_finish_with_resume_failed_once_space_is_freed()
    {
        SmallDisk.Mount(disk, "size=3m");
        var database = Path.Combine(disk, "sweeps.db");
        var file = disk + ".yaml";
        File.WriteAllText(file, "name: full\nbase: {steps: 300, log_every: 25, eval_samples: 200}\nparameters:\n  seed: {values: [0, 1]}\n");
        try
        {
            var (exitCode, output, error) = SweepProcess.Run("run", file, "--db", database, "--workers", "2");

            Assert.True(exitCode == ExitCodes.TrialsFailed, output + error);
            Assert.Contains("2 of 2 trials did not complete (2 failed)", error);
            using (var store = SqliteSweepStore.OpenReadOnly(database))
                // Weights are written first, into the artifact directory beside the database, on the same full disk.
                Assert.All(store.Trials("full"), t => Assert.True(t.Status == TrialStates.Failed && t.Error!.Contains("into the artifact directory", StringComparison.Ordinal) && t.Error.Contains("No space left on device", StringComparison.Ordinal), t.Error));

            SmallDisk.Mount(disk, "remount,size=200m");
            var retried = SweepProcess.Run("resume", "full", "--failed", "--db", database, "--workers", "2");

            Assert.True(retried.exitCode == ExitCodes.Ok, retried.output + retried.error);
            using var after = SqliteSweepStore.OpenReadOnly(database);
            Assert.All(after.Trials("full"), t => Assert.Equal((TrialStates.Completed, 2), (t.Status, t.Attempts)));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
