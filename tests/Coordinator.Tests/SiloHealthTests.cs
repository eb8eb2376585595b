using System.Globalization;
using System.Net;
using Coordinator.Cli;
using Silo.Stores;

/// <summary>`sweep silo --health-port`: the HTTP endpoint Kubernetes' probes ask.</summary>
public sealed class SiloHealthTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_joined_silo_answers_ready_and_live_and_nothing_else()
    {
        var (silo, health) = LocalCluster.StartWithHealthPort(server.NewDatabase());
        using var _ = silo;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{health}"), Timeout = TimeSpan.FromSeconds(10) };

        var ready = await http.GetAsync("/healthz/ready");
        var live = await http.GetAsync("/healthz/live");
        var other = await http.GetAsync("/");

        Assert.Equal((HttpStatusCode.OK, "Active"), (ready.StatusCode, (await ready.Content.ReadAsStringAsync()).Trim()));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Contains("/healthz/ready", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leaving_silo_stays_live_but_not_ready_until_it_exits()
    {
        var store = server.NewDatabase();
        var (silo, health) = LocalCluster.StartWithHealthPort(store);
        using var _ = silo;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{health}"), Timeout = TimeSpan.FromSeconds(10) };

        // An idle silo leaves within a blink, and a probe sent after "Leaving:" met a closed port
        // (CI did). Holding the cluster's membership version keeps the silo mid-leave: its
        // status change waits for the row until the probes have been answered.
        using var holder = new Npgsql.NpgsqlConnection(server.ConnectionString(new Npgsql.NpgsqlConnectionStringBuilder(store.Target).Database!));
        holder.Open();
        using var transaction = holder.BeginTransaction();
        using (var hold = new Npgsql.NpgsqlCommand("SELECT 1 FROM membership_versions FOR UPDATE", holder, transaction))
            hold.ExecuteNonQuery();

        SweepProcess.Signal(silo.Process.Id, "TERM");
        silo.WaitFor(() => silo.Output.Contains("Leaving:", StringComparison.Ordinal), "the silo leaving");
        SweepProcess.WaitUntil(() => server.Query(store, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") > 0, "the silo's leave waiting for the membership row");
        var ready = await http.GetAsync("/healthz/ready");
        var live = await http.GetAsync("/healthz/live");
        transaction.Commit();
        silo.WaitForExit();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(ExitCodes.Ok, silo.Process.ExitCode);
    }

    [Fact]
    public void A_health_port_equal_to_another_port_is_bad_input()
    {
        var (exitCode, _, error) = SweepProcess.Run("silo", "--store", server.Url("postgres"), "--gateway-port", "30000", "--health-port", "30000");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("gateway-port = health-port = 30000: the ports must differ.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_silo_on_the_same_ports_exits_2_and_the_first_keeps_running()
    {
        var store = server.NewDatabase();
        string[] ports = ["--port", Text(FreePorts.Next()), "--gateway-port", Text(FreePorts.Next())];
        using var first = SweepProcess.Start(["silo", "--store", store.Text, "--slots", "1", "--threads", "1", "--address", "127.0.0.1", .. ports]);
        first.WaitFor(() => first.Output.Contains("joined the cluster", StringComparison.Ordinal), "the first silo joining");

        var (exitCode, output, error) = SweepProcess.Run(["silo", "--store", store.Text, "--slots", "1", "--threads", "1", "--address", "127.0.0.1", .. ports]);

        Assert.True(exitCode == ExitCodes.BadInput, output + error);
        Assert.Contains($"port = {ports[1]}: taken on this machine", error, StringComparison.Ordinal);
        Assert.Contains("--port and --gateway-port", error, StringComparison.Ordinal);
        Assert.DoesNotContain("joined", output, StringComparison.Ordinal);
        // Orleans would have declared the first dead within its probe timeouts (a few seconds).
        Thread.Sleep(TimeSpan.FromSeconds(10));
        Assert.False(first.Process.HasExited, first.Output + first.Error);
        Assert.DoesNotContain("dead", first.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_silo_start_shows_no_watchdog_false_alarm()
    {
        var store = server.NewDatabase();
        using var silo = SweepProcess.Start("silo", "--store", store.Text, "--slots", "1", "--threads", "1", "--address", "127.0.0.1",
            "--port", Text(FreePorts.Next()), "--gateway-port", Text(FreePorts.Next()));
        silo.WaitFor(() => silo.Output.Contains("joined the cluster", StringComparison.Ordinal), "the silo joining");
        // Orleans' watchdog raised its alarm, a stall as long as the machine's uptime, within seconds of every start.
        Thread.Sleep(TimeSpan.FromSeconds(12));
        SweepProcess.Signal(silo.Process.Id, "TERM");
        silo.WaitForExit();

        Assert.Equal(ExitCodes.Ok, silo.Process.ExitCode);
        Assert.DoesNotContain("Participant check thread", silo.Error, StringComparison.Ordinal);
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
