using Coordinator.Cli;
using Silo.Stores;

/// <summary>`sweep run` on a cluster of two real silos and a real PostgreSQL server, and the reading commands after it.</summary>
public sealed class PostgresRunTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public void A_sweep_runs_into_postgres_and_every_command_reads_it_back()
    {
        var location = server.NewDatabase();
        var file = Path.Combine(SweepFileParserTests.RepositoryRoot(), "sweeps", "toy-lab.yaml");

        using var cluster = new LocalCluster(location, 2);
        var (exitCode, output, error) = SweepProcess.Run("run", file, "--store", location.Text);

        Assert.True(exitCode == ExitCodes.Ok, output + error);
        Assert.Contains($"stored in {location.Display}.", output);
        Assert.Contains("Running on the cluster: 2 silos, 2 slots", output);
        using var store = SweepStoreFactory.OpenReadOnly(location);
        var trials = store.Trials("toy-lab");
        Assert.Equal(8, trials.Count);
        Assert.All(trials, t => Assert.Equal((TrialStates.Completed, 1), (t.Status, t.Attempts)));
        Assert.Equal(2, trials.Select(t => t.Worker).Distinct().Count());
        Assert.All(trials, t => Assert.Equal(Enumerable.Range(1, 20).Select(i => i * 100L), store.Metrics(t.Id).Select(r => r.Step)));

        var show = Cli.Run("show", "toy-lab", "--store", location.Text);
        var ls = Cli.Run("ls", "--db", location.Text);
        var trial = Cli.Run("trial", trials[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--store", location.Text);

        Assert.Equal(ExitCodes.Ok, show.exitCode);
        Assert.EndsWith(show.output.TrimEnd(), output.TrimEnd());
        Assert.Matches(@"│ toy-lab │ +8 │ +0 │ +0 │ +8 │", ls.output);
        Assert.Equal(ExitCodes.Ok, trial.exitCode);
        Assert.Contains("lr", trial.output);
    }

    [Fact]
    public void Reading_a_server_that_is_not_there_is_a_clear_error()
    {
        var (exitCode, _, error) = Cli.Run("ls", "--store", "postgres://sweep:secret@127.0.0.1:1/sweeps");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.StartsWith("error: Cannot reach PostgreSQL at postgres://sweep@127.0.0.1:1/sweeps:", error);
        Assert.DoesNotContain("secret", error);
    }
}
