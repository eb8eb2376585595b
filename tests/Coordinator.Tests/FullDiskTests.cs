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
                // Whichever write meets the full disk first fails the trial, and says so: a checkpoint
                // into the artifact directory beside the database, or a record into the database.
                Assert.All(store.Trials("full"), t => Assert.True(t.Status == TrialStates.Failed && FullDisk(t.Error!, database), t.Error));

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

    [MountFact]
    public void A_record_that_meets_a_full_disk_fails_with_what_to_do_and_leaves_the_store_readable()
    {
        SmallDisk.Mount(disk, "size=1m");
        var database = Path.Combine(disk, "sweeps.db");
        using var store = SqliteSweepStore.Open(database);
        store.CreateSweep(new NewSweep("full", "name: full", "fid", true), [new Silo.Trials.TrialConfig(new Dictionary<string, object> { ["seed"] = 0L })]);
        var claim = store.Claim("full", "w", TimeSpan.FromMinutes(1))!.Claim!;
        var values = Enumerable.Range(0, 50).ToDictionary(i => $"metric_{i}", i => (double)i);

        var full = Assert.Throws<StoreException>(() =>
        {
            for (var step = 1L; step < 1_000_000; step++)
                store.AddMetrics(claim, new Gan.Core.Metrics.MetricRecord(step, 0, values));
        });

        Assert.Equal(StoreErrorCode.Full, full.Code);
        Assert.True(FullDisk(full.Message, database), full.Message);
        Assert.Equal(TrialStates.Running, store.Trial(claim.TrialId)!.Status);
    }

    private static bool FullDisk(string error, string database) =>
        (error.Contains("into the artifact directory", StringComparison.Ordinal) && error.Contains("No space left on device", StringComparison.Ordinal))
        || error.StartsWith($"The disk holding {database} is full. Free some space, then continue with 'sweep resume'", StringComparison.Ordinal);
}
