using Coordinator.Cli;
using Silo.Stores;
using Coordinator.Sweeps;
using Gan.Core.Training;

/// <summary>Bad input to commands, caught before anything is stored, started or generated: exit 2 and a message that says what to do.</summary>
public sealed class CommandInputTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweep-input-" + Guid.NewGuid().ToString("N"));

    public CommandInputTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Database => Path.Combine(folder, "sweeps.db");

    private string SweepFile(string baseOptions)
    {
        var path = Path.Combine(folder, "sweep.yaml");
        File.WriteAllText(path, $"name: checked\nbase: {{{baseOptions}}}\nparameters:\n  lr: {{values: [0.0002, 0.001]}}\n");
        return path;
    }

    [Fact]
    public void A_missing_data_dir_is_refused_before_the_sweep_is_stored_so_the_fixed_run_is_not_blocked()
    {
        var missing = Path.Combine(folder, "no-such-data");

        var (exitCode, _, error) = Cli.Run("run", SweepFile($"data_dir: {missing}, steps: 10"), "--db", Database);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("sweep.yaml", error);
        Assert.Contains("nothing was started", error);
        Assert.False(File.Exists(Database));
    }

    [Fact]
    public void A_truncated_data_file_is_refused_before_the_sweep_is_stored()
    {
        var data = Directory.CreateDirectory(Path.Combine(folder, "mnist")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(SweepFileParserTests.RepositoryRoot(), "data", "mnist"), "*.gz"))
            File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        var images = Path.Combine(data, "train-images-idx3-ubyte.gz");
        File.WriteAllBytes(images, File.ReadAllBytes(images)[..1000]);

        var (exitCode, _, error) = Cli.Run("run", SweepFile($"data_dir: {data}, steps: 10"), "--db", Database);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("train-images-idx3-ubyte", error);
        Assert.False(File.Exists(Database));
    }

    [Fact]
    public void Resume_checks_the_data_before_any_trial_changes_state()
    {
        using (var store = SqliteSweepStore.Open(Database))
        {
            var sweep = SweepFileParser.Parse("name: moved\nparameters:\n  lr: {values: [0.001]}", "moved.yaml");
            store.CreateSweep(sweep.ToNewSweep(), [new Silo.Trials.TrialConfig(new Dictionary<string, object> { ["lr"] = 0.001, ["data_dir"] = Path.Combine(folder, "moved-away") })]);
            var trial = store.Claim("moved", "w", TimeSpan.FromMinutes(1))!;
            store.Finish(trial.Claim!, TrialStates.Failed, HealthFlags.None, "data gone");
        }

        var (exitCode, _, error) = Cli.Run("resume", "moved", "--failed", "--db", Database);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("sweep moved:", error);
        using var after = SqliteSweepStore.OpenReadOnly(Database);
        Assert.Equal(TrialStates.Failed, after.Trials("moved").Single().Status);
    }

    [Theory]
    [InlineData("device: 'cuda:99', steps: 10", "", "device = 'cuda:99': this machine has")]
    [InlineData("steps: 10", "--workers 1000", "workers = 1000: at most")]
    [InlineData("steps: 10", "--name x\n", "name = 'x\\n'")]
    public void Run_refuses_what_this_machine_cannot_do_before_the_sweep_is_stored(string baseOptions, string options, string message)
    {
        string[] extra = options.Length == 0 ? [] : options.Split(' ', 2);

        var (exitCode, _, error) = Cli.Run(["run", SweepFile(baseOptions), "--db", Database, .. extra]);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains(message, error);
        Assert.False(File.Exists(Database));
    }

    [Fact]
    public void Escape_sequences_in_an_error_are_printed_escaped()
    {
        var (exitCode, _, error) = Cli.Run("run", SweepFile("data_dir: \"/tmp/\\e[2J\\e]0;pwned\\a\", steps: 10"), "--db", Database);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.DoesNotContain('\u001b', error);
        Assert.DoesNotContain('\a', error);
        Assert.Contains("\\x1B[2J", error);
    }

    [Theory]
    [InlineData("3000000", "samples.idx.gz", "n = 3000000: must be from 1 to 1000000.")]
    [InlineData("10", "{folder}", "is a folder; end it with / for one PNG per sample")]
    [InlineData("10", "{folder}/missing/samples.idx.gz", "its folder cannot be written")]
    public void Generate_checks_its_count_and_output_before_generating(string count, string output, string message)
    {
        var (exitCode, _, error) = Cli.Run("generate", "1", "-n", count, "-o", output.Replace("{folder}", folder, StringComparison.Ordinal), "--db", Database);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Generate_refuses_both_best_and_last()
    {
        var output = Path.Combine(folder, "both.idx.gz");
        var (exitCode, _, error) = Cli.Run("generate", "1", "--best", "--last", "-n", "10", "-o", output, "--db", Database);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("--best and --last: choose one", error);
        Assert.False(File.Exists(output));
    }
}
