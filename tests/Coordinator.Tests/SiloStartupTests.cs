using System.Globalization;
using Coordinator.Cli;

/// <summary>`sweep silo` started before its PostgreSQL, as pods start on a cluster coming up.</summary>
public sealed class SiloStartupTests
{
    [Fact]
    public void A_silo_started_before_postgres_waits_for_it_then_joins()
    {
        var port = FreePorts.Next();
        // The database initdb makes, so that the silo can join as soon as the server listens.
        using var silo = SweepProcess.Start("silo", "--store", $"postgres://{PostgresServer.User}@127.0.0.1:{Text(port)}/postgres", "--slots", "1", "--threads", "1",
            "--address", "127.0.0.1", "--port", Text(FreePorts.Next()), "--gateway-port", Text(FreePorts.Next()));
        silo.WaitFor(() => silo.Error.Contains("Waiting for the store", StringComparison.Ordinal), "the silo waiting");
        Thread.Sleep(StoreWaitLines(2));

        using var server = PostgresServer.On("127.0.0.1", port, password: null);
        silo.WaitFor(() => silo.Output.Contains("joined the cluster", StringComparison.Ordinal), "the silo joining");
        SweepProcess.Signal(silo.Process.Id, "TERM");
        silo.WaitForExit();

        var waiting = silo.Error.Split('\n').Where(l => l.StartsWith("Waiting for the store", StringComparison.Ordinal)).ToList();
        Assert.Equal(ExitCodes.Ok, silo.Process.ExitCode);
        // One line a few seconds apart, not one a retry.
        Assert.InRange(waiting.Count, 2, 6);
        Assert.All(waiting, l => Assert.Contains($"127.0.0.1:{Text(port)}", l, StringComparison.Ordinal));
        Assert.Contains("The store is reachable", silo.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_silo_whose_postgres_never_comes_fails_after_its_store_wait_with_a_clear_error()
    {
        var port = FreePorts.Next();

        var (exitCode, output, error) = SweepProcess.Run("silo", "--store", $"postgres://{PostgresServer.User}@127.0.0.1:{Text(port)}/sweeps", "--store-wait", "3",
            "--address", "127.0.0.1", "--port", Text(FreePorts.Next()), "--gateway-port", Text(FreePorts.Next()));

        Assert.True(exitCode == ExitCodes.BadInput, output + error);
        Assert.Contains($"Cannot reach PostgreSQL at postgres://{PostgresServer.User}@127.0.0.1:{Text(port)}/sweeps", error, StringComparison.Ordinal);
        Assert.Contains("Waited 3 s for it (--store-wait).", error, StringComparison.Ordinal);
        Assert.DoesNotContain("joined", output, StringComparison.Ordinal);
    }

    private static TimeSpan StoreWaitLines(int lines) => Silo.Stores.StoreStartup.ReportEvery * lines;

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
