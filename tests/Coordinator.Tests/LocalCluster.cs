using System.Globalization;
using Silo.Stores;

/// <summary>Real `sweep silo` processes on loopback, sharing one PostgreSQL store and its artifact directory, if it has one, as the README's walk-through starts them.</summary>
internal sealed class LocalCluster : IDisposable
{
    private readonly StoreLocation store;
    private readonly List<(RunningSweep process, int port, int gatewayPort)> silos = [];

    public LocalCluster(StoreLocation store, int count)
    {
        this.store = store;
        for (var i = 0; i < count; i++)
            Add();
    }

    public IReadOnlyList<RunningSweep> Silos => [.. silos.Select(s => s.process)];

    /// <summary>Starts one more silo with one single-threaded slot and waits until it has joined.</summary>
    public RunningSweep Add()
    {
        var (port, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        string[] artifacts = store.Artifacts is { } directory ? ["--artifacts", directory] : [];
        var silo = SweepProcess.Start(["silo", "--store", store.Text, .. artifacts, "--slots", "1", "--threads", "1",
            "--port", port.ToString(CultureInfo.InvariantCulture), "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture), "--address", "127.0.0.1"]);
        silos.Add((silo, port, gatewayPort));
        silo.WaitFor(() => silo.Output.Contains("joined the cluster", StringComparison.Ordinal), "the silo joining");
        return silo;
    }

    /// <summary>
    /// Starts a lone silo of one single-threaded slot on loopback, answering probes and serving
    /// metrics on the health port it returns, and waits until it has joined.
    /// </summary>
    public static (RunningSweep silo, int health) StartWithHealthPort(StoreLocation store)
    {
        var health = FreePorts.Next();
        var silo = SweepProcess.Start("silo", "--store", store.Text, "--slots", "1", "--threads", "1", "--address", "127.0.0.1",
            "--port", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "--gateway-port", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            "--health-port", health.ToString(CultureInfo.InvariantCulture));
        silo.WaitFor(() => silo.Output.Contains("joined the cluster", StringComparison.Ordinal), "the silo joining");
        return (silo, health);
    }

    /// <summary>The silo process whose slot holds the claim <paramref name="worker"/> names ("127.0.0.1:PORT@GEN/slotN/HOST:PID").</summary>
    public RunningSweep SiloOf(string worker)
    {
        var port = int.Parse(worker[(worker.IndexOf(':') + 1)..worker.IndexOf('@')], CultureInfo.InvariantCulture);
        return silos.Single(s => s.port == port).process;
    }

    /// <summary>The port clients reach the <paramref name="index"/>th silo at.</summary>
    public int GatewayPort(int index) => silos[index].gatewayPort;

    /// <summary>The trainer process a worker id names.</summary>
    public static int TrainerOf(string worker) => int.Parse(worker[(worker.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var (process, _, _) in silos)
            process.Dispose();
    }
}
