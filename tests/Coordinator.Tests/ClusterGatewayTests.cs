using Coordinator.Cli;
using Silo.Stores;

/// <summary>
/// SWEEP_GATEWAY: a client that cannot reach the silos' own addresses (a laptop through
/// `kubectl port-forward`) names one gateway, and uses it rather than the membership's list.
/// </summary>
public sealed class ClusterGatewayTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-gateway-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_client_runs_a_sweep_through_the_named_gateway_and_a_dead_one_fails_it_although_silos_are_up()
    {
        var store = server.NewDatabase() with { Artifacts = Path.Combine(folder, "artifacts") };
        using var cluster = new LocalCluster(store, 2);
        var sweep = Path.Combine(folder, "gw.yaml");
        File.WriteAllText(sweep, "name: gw\nbase: {dataset: gaussian, arch: toy, steps: 200, batch_size: 100, log_every: 100}\nparameters:\n  seed: {values: [0, 1]}\n");

        using var run = SweepProcess.StartWith(Gateway($"127.0.0.1:{cluster.GatewayPort(1)}"), "run", sweep, "--store", store.Text);
        run.WaitForExit();
        using var closed = SweepProcess.StartWith(Gateway($"127.0.0.1:{FreePorts.Next()}"), "cluster", "--store", store.Text);
        closed.WaitForExit();

        Assert.True(run.Process.ExitCode == ExitCodes.Ok, run.Output + run.Error);
        Assert.Contains("Running on the cluster: 2 silos", run.Output, StringComparison.Ordinal);
        using (var reader = SweepStoreFactory.Open(store))
            Assert.All(reader.Trials("gw"), t => Assert.Equal(TrialStates.Completed, t.Status));
        // The membership lists two live silos, so only the variable can have sent the client to a closed port.
        Assert.Equal(ExitCodes.BadInput, closed.Process.ExitCode);
        Assert.Contains("No silo answered at SWEEP_GATEWAY = 127.0.0.1:", closed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30000", "must be HOST:PORT")]
    [InlineData("127.0.0.1:70000", "must be HOST:PORT")]
    [InlineData("no-such-host.invalid:30000", "the host 'no-such-host.invalid' has no address")]
    public void A_malformed_gateway_is_bad_input_that_names_the_variable(string value, string rule)
    {
        var store = server.NewDatabase();
        SweepStoreFactory.Open(store).Dispose();

        using var client = SweepProcess.StartWith(Gateway(value), "cluster", "--store", store.Text);
        client.WaitForExit();

        Assert.Equal(ExitCodes.BadInput, client.Process.ExitCode);
        Assert.Contains($"SWEEP_GATEWAY = '{value}'", client.Error, StringComparison.Ordinal);
        Assert.Contains(rule, client.Error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Gateway(string value) => new() { ["SWEEP_GATEWAY"] = value };
}
