using System.Diagnostics;
using Silo.Grains;
using Silo.Slots;
using Silo.Stores;
using Xunit;

namespace Silo.Tests;

/// <summary>The trainer process's program, run as its silo runs it: <c>dotnet Silo.dll</c> with the store in the environment.</summary>
public sealed class TrainerMainTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("trainer-main-").FullName;

    [Theory]
    [InlineData("--threads", "100000")]
    [InlineData("--device", "auto")]
    [InlineData("--device", "gpu0")]
    [InlineData("--colour", "red")]
    public void Arguments_a_silo_never_gives_are_refused_with_what_it_gives(string option, string value)
    {
        var (exitCode, error) = Run(DatabasePath, "", option, value, "--parent-pid", Environment.ProcessId.ToString());

        Assert.Equal(TrainerMain.BadArguments, exitCode);
        Assert.Contains($"'{option} {value}' is not an argument a silo gives", error);
        Assert.Contains("sweep silo", error);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public void Without_its_parent_it_refuses_to_start()
    {
        var (exitCode, error) = Run(DatabasePath, "", "--threads", "1");

        Assert.Equal(TrainerMain.BadArguments, exitCode);
        Assert.Contains("--parent-pid is required", error);
    }

    [Fact]
    public void A_trainer_whose_parent_is_not_the_one_named_stops_at_once()
    {
        // Its parent is this test process; a trainer told another parent must not train on as an orphan.
        var (exitCode, _) = Run(DatabasePath, "", "--parent-pid", "1");

        Assert.Equal(TrainerMain.Interrupted, exitCode);
    }

    [Fact]
    public void It_reads_its_store_from_the_environment_and_ends_cleanly_when_its_input_ends()
    {
        using (SqliteSweepStore.Open(DatabasePath)) { }

        var (exitCode, error) = Run(DatabasePath, "", "--threads", "1", "--device", "cpu", "--parent-pid", Environment.ProcessId.ToString());

        Assert.True(exitCode == 0, error);
        Assert.True(SlotWorkerId.IsTrainer($"/usr/bin/dotnet\0{typeof(TrainerMain).Assembly.Location}\0--threads\01\0"));
        Assert.False(SlotWorkerId.IsTrainer("/usr/bin/dotnet\0/opt/sweep/sweep.dll\0run\0"));
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_ends_it_as_interrupted_not_killed(string signal)
    {
        var start = Start(DatabasePath, "--parent-pid", Environment.ProcessId.ToString());
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        // The store is opened after the signal handlers are in place.
        var ready = Stopwatch.StartNew();
        while (!File.Exists(DatabasePath) && ready.Elapsed < TimeSpan.FromSeconds(60))
            Thread.Sleep(50);
        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString()]))
            kill.WaitForExit();

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "the trainer did not exit");
        Assert.True(process.ExitCode == TrainerMain.Interrupted, $"exit code {process.ExitCode}: {await error}");
    }

    [Fact]
    public void A_bad_store_location_is_one_line_on_standard_error()
    {
        var (exitCode, error) = Run("postgres://", "", "--parent-pid", Environment.ProcessId.ToString());

        Assert.Equal(TrainerMain.BadArguments, exitCode);
        Assert.StartsWith("trainer: ", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void A_store_it_cannot_use_ends_it_with_the_reason_first_not_an_abort()
    {
        File.WriteAllBytes(DatabasePath, Enumerable.Repeat((byte)'Z', 4096).ToArray());

        var (exitCode, error) = Run(DatabasePath, "", "--threads", "1", "--device", "cpu", "--parent-pid", Environment.ProcessId.ToString());

        Assert.True(exitCode == TrainerMain.Failed, $"exit code {exitCode}: {error}");
        Assert.StartsWith($"{TrainerMain.SaysPrefix}{DatabasePath} is not a sweep database", error);
    }

    [Fact]
    public void Its_silo_hears_the_reason_a_trainer_ended_and_logs_what_it_wrote()
    {
        File.WriteAllBytes(DatabasePath, Enumerable.Repeat((byte)'Z', 4096).ToArray());
        var log = new StringWriter();

        using var trainer = TrainerProcess.Start(StoreLocation.Resolve(DatabasePath), 1, "cpu", () => { }, TextWriter.Synchronized(log));

        Assert.True(trainer.WaitForExit(TimeSpan.FromSeconds(60)), "the trainer did not exit");
        Assert.StartsWith($"exited with code {TrainerMain.Failed}: {DatabasePath} is not a sweep database", trainer.Ending);
        Assert.Contains("at Silo.Stores.SqliteSweepStore", log.ToString());
    }

    private string DatabasePath => Path.Combine(directory, "sweeps.db");

    private static ProcessStartInfo Start(string store, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(typeof(TrainerMain).Assembly.Location);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["SWEEP_STORE"] = store;
        start.Environment.Remove("SWEEP_ARTIFACTS");
        return start;
    }

    private static (int exitCode, string error) Run(string store, string input, params string[] arguments)
    {
        using var process = Process.Start(Start(store, arguments))!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The trainer did not exit within a minute.");
        }
        return (process.ExitCode, error.Result);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
