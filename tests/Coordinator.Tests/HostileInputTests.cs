using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Coordinator.Cli;
using Coordinator.Sweeps;
using Silo.Stores;
using Silo.Trials;

/// <summary>
/// The second hostile pass: runaway inputs, special files, unbounded counts, taken ports and text
/// that would fool a terminal. Each is exit 2 with one line saying what to do, and nothing is stored.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweep-hostile-" + Guid.NewGuid().ToString("N"));

    public HostileInputTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Database => Path.Combine(folder, "sweeps.db");

    private string File(string name, string text)
    {
        var path = Path.Combine(folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private string Fifo()
    {
        var path = Path.Combine(folder, "pipe");
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        return path;
    }

    private static void AssertBadInput((int exitCode, string output, string error) result, string message)
    {
        Assert.True(result.exitCode == ExitCodes.BadInput, result.output + result.error);
        Assert.Contains(message, result.error, StringComparison.Ordinal);
        Assert.Single(result.error.Trim().Split('\n'));
    }

    [Fact]
    public void A_device_or_fifo_given_as_a_sweep_file_is_refused_without_reading_it()
    {
        AssertBadInput(Cli.Run("run", "/dev/zero", "--db", Database), "/dev/zero: is a device, a FIFO or a socket, not a sweep file");
        // A FIFO no one writes to would block a reader for ever.
        AssertBadInput(Cli.Run("run", Fifo(), "--db", Database), "is a device, a FIFO or a socket, not a sweep file");
        Assert.False(System.IO.File.Exists(Database));
    }

    [Fact]
    public void A_sweep_file_over_a_megabyte_is_refused_before_it_is_parsed_or_stored()
    {
        var big = File("big.yaml", "parameters:\n  lr: {values: [0.001]}\n" + new string('#', SweepFileParser.MaxFileBytes));

        AssertBadInput(Cli.Run("run", big, "--db", Database), "big.yaml: is larger than 1 MB, the most a sweep file may hold");
        Assert.False(System.IO.File.Exists(Database));
    }

    [Fact]
    public void A_folder_given_as_a_sweep_file_is_called_a_folder()
    {
        AssertBadInput(Cli.Run("run", folder, "--db", Database), "is a folder, not a sweep file");
    }

    [Fact]
    public void A_tab_in_the_indentation_is_located_at_the_tab()
    {
        var file = File("tab.yaml", "name: t\nbase: {steps: 10}\nparameters:\n\tlr: {values: [0.1]}\n");

        AssertBadInput(Cli.Run("run", file, "--db", Database), "tab.yaml:4:1: a tab in the indentation");
    }

    [Theory]
    [InlineData("run", "--threads")]
    [InlineData("resume", "--threads")]
    [InlineData("train", "--threads")]
    [InlineData("silo", "--threads")]
    public void Threads_are_bounded_by_the_cores(string command, string option)
    {
        string[] target = command switch
        {
            "run" => [File("s.yaml", "parameters:\n  lr: {values: [0.001]}\n")],
            "resume" => ["some-sweep"],
            _ => [],
        };
        string[] store = command switch
        {
            "silo" => ["--store", "postgres://sweep@127.0.0.1:1/none"],
            "train" => [],
            _ => ["--store", Database],
        };

        AssertBadInput(Cli.Run([command, .. target, option, "100000", .. store]), $"threads = 100000: must be from 1 to {Environment.ProcessorCount}");
        Assert.False(System.IO.File.Exists(Database));
    }

    [Fact]
    public void Silo_slots_are_bounded_like_workers()
    {
        AssertBadInput(Cli.Run("silo", "--slots", "100000", "--store", "postgres://sweep@127.0.0.1:1/none"), "slots = 100000: at most");
    }

    [Fact]
    public void A_device_as_the_store_is_refused_before_sqlite_opens_it()
    {
        // A link to /dev/null: SQLite would have written its journal beside the link's name.
        var link = Path.Combine(folder, "null-store");
        System.IO.File.CreateSymbolicLink(link, "/dev/null");
        var sweep = File("s.yaml", "parameters:\n  lr: {values: [0.001]}\nbase: {dataset: gaussian, arch: toy, steps: 10}\n");

        AssertBadInput(Cli.Run("run", sweep, "--store", link), "is a device, a FIFO or a socket, not a sweep database");
        AssertBadInput(Cli.Run("ls", "--store", link), "is a device, a FIFO or a socket, not a sweep database");
        Assert.Equal([link, sweep], Directory.GetFileSystemEntries(folder).Order());
    }

    [Theory]
    [InlineData("mysql://admin:s3cret@db.example/sweeps", "'mysql' is not a store sweep knows")]
    [InlineData("postgres://admin:s3cret@[::1:bad/x", "it is not a URL with a host")]
    [InlineData("postgresql://admin:s3cret@host", "it names no database")]
    public void A_store_url_never_shows_its_password(string url, string message)
    {
        var result = Cli.Run("ls", "--store", url);

        AssertBadInput(result, message);
        Assert.DoesNotContain("s3cret", result.error, StringComparison.Ordinal);
        Assert.Contains("admin:***@", result.error, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(url));
    }

    [Fact]
    public void A_bidi_override_is_escaped_in_errors_and_in_trial_output()
    {
        var name = Cli.Run("run", File("s.yaml", "parameters:\n  lr: {values: [0.001]}\n"), "--name", "evil\u202Etxt.exe", "--db", Database);
        AssertBadInput(name, "evil\\u202Etxt.exe");
        Assert.DoesNotContain('\u202E', name.error);

        using (var store = SqliteSweepStore.Open(Database))
        {
            var sweep = SweepFileParser.Parse("name: bidi\nparameters:\n  lr: {values: [0.001]}", "bidi.yaml");
            store.CreateSweep(sweep.ToNewSweep(), [new TrialConfig(new Dictionary<string, object> { ["lr"] = 0.001, ["data_dir"] = "/data/\u202Egnp.exe\u200B" })]);
        }
        var trial = Cli.Run("trial", "1", "--db", Database);

        Assert.True(trial.exitCode == ExitCodes.Ok, trial.error);
        Assert.Contains("\\u202Egnp.exe\\u200B", trial.output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', trial.output);
        Assert.DoesNotContain('\u200B', trial.output);
    }

    [Fact]
    public void A_dashboard_on_a_taken_port_or_a_foreign_address_is_one_line_and_exit_2()
    {
        using (var store = SqliteSweepStore.Open(Database))
            store.CreateSweep(SweepFileParser.Parse("name: d\nparameters:\n  lr: {values: [0.001]}", "d.yaml").ToNewSweep(), [new TrialConfig(new Dictionary<string, object> { ["lr"] = 0.001 })]);
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        AssertBadInput(SweepProcess.Run("dashboard", "--db", Database, "--port", port), $"port {port} on 127.0.0.1: cannot listen there (another process listens there already)");
        // 192.0.2.0/24 is set aside for documentation: never an address of this machine.
        AssertBadInput(SweepProcess.Run("dashboard", "--db", Database, "--bind", "192.0.2.1"), "192.0.2.1 is not an address of this machine");
    }

    [Fact]
    public void Train_refuses_a_file_or_a_folder_holding_a_run_as_its_output()
    {
        var file = File("a-file", "mine");
        var run = Directory.CreateDirectory(Path.Combine(folder, "earlier-run")).FullName;
        System.IO.File.WriteAllText(Path.Combine(run, "metrics.jsonl"), "{}\n");

        AssertBadInput(Cli.Run("train", "--steps", "1", "-o", file), "is a file, not a folder");
        AssertBadInput(Cli.Run("train", "--steps", "1", "-o", run), "holds a run already (metrics.jsonl)");
        Assert.Equal("mine", System.IO.File.ReadAllText(file));
        Assert.Equal("{}\n", System.IO.File.ReadAllText(Path.Combine(run, "metrics.jsonl")));
    }

    [Theory]
    [InlineData("run s.yaml --workers two", "workers = 'two': must be a whole number.")]
    [InlineData("show x --format yaml", "format = 'yaml': must be one of table, csv, json, markdown.")]
    [InlineData("generate abc", "id = 'abc': must be a whole number.")]
    [InlineData("train --lr fast", "lr = 'fast': must be a number.")]
    public void Argument_errors_name_the_rule_not_a_dotnet_type(string command, string message)
    {
        var result = Cli.Run(command.Split(' '));

        AssertBadInput(result, message);
        Assert.DoesNotContain("System.", result.error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_toy_lab_sweep_without_a_metric_is_ranked_by_the_wasserstein_distance()
    {
        var sweep = SweepFileParser.Parse("base: {dataset: gaussian, arch: toy, steps: 10}\nparameters:\n  lr: {values: [0.001]}", "toy.yaml");

        Assert.Equal(new SweepMetric("wasserstein", true), sweep.Metric);
        Assert.Equal(new SweepMetric("fid", true), SweepFileParser.Parse("parameters:\n  lr: {values: [0.001]}", "mnist.yaml").Metric);
    }

    [Fact]
    public void Log_uniform_bounds_are_named_as_written()
    {
        var error = Assert.Throws<SweepFileException>(() => SweepFileParser.Parse(
            "method: random\nrun_cap: 3\nparameters:\n  lr: {distribution: log_uniform, min: -1000, max: 1000}", "lu.yaml"));

        Assert.Contains("lu.yaml:4:40: 'lr': min -1000 is a natural logarithm (log_uniform), and e^-1000 = 0; log_uniform_values takes the values themselves. lr = 0: must be greater than 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("'lr': max 1000 is a natural logarithm (log_uniform), and e^1000 = Infinity", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bayes")]
    [InlineData("random")]
    public void A_range_of_one_value_is_refused_rather_than_run_as_identical_trials(string method)
    {
        var error = Assert.Throws<SweepFileException>(() => SweepFileParser.Parse(
            $"method: {method}\nrun_cap: 3\nparameters:\n  lr: {{min: 0.001, max: 0.001}}", "one.yaml"));

        Assert.Contains("one.yaml:4:13: 'lr': min and max are both 0.001, a range of one value; write {value: 0.001}", error.Message, StringComparison.Ordinal);
    }
}
