using System.CommandLine;
using System.Net;
using Coordinator.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Silo.Hosting;
using Silo.Slots;
using Silo.Stores;
using static TorchSharp.torch;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep silo</c>.</summary>
/// <param name="Store">Where the sweeps are stored.</param>
/// <param name="Slots">Slots, if not one per GPU or per core.</param>
/// <param name="Device">cpu, cuda (every GPU), or a comma-separated list of cuda:N.</param>
/// <param name="Threads">libtorch threads per slot, if not cores / slots.</param>
/// <param name="Port">The port other silos reach this one at.</param>
/// <param name="GatewayPort">The port clients reach this one at.</param>
/// <param name="Address">The address this silo advertises, if not this machine's first.</param>
/// <param name="HealthPort">The port of the HTTP health endpoint for probes (and metrics); none when null.</param>
/// <param name="StoreWait">How long to wait at start for a store that cannot be reached yet.</param>
public sealed record SiloSettings(StoreLocation Store, int? Slots, string? Device, int? Threads, int Port, int GatewayPort, string? Address, int? HealthPort,
    TimeSpan StoreWait) : StoreSettings(Store)
{
    /// <inheritdoc />
    public override IEnumerable<string> Validate()
    {
        if (!Store.Shared)
            yield return $"store = '{TerminalText.Clean(Store.Display)}': a silo serves a cluster, whose store is a postgres:// URL. On one machine 'sweep run' runs its own silo.";
        foreach (var problem in WorkerPlanSettings.Validate(Slots, Threads, "slots"))
            yield return problem;
        var ports = Ports();
        foreach (var (name, port) in ports.Where(p => p.Item2 is < 1 or > 65535))
            yield return $"{name} = {port}: must be a port from 1 to 65535.";
        foreach (var same in ports.GroupBy(p => p.Item2).Where(g => g.Count() > 1))
            yield return $"{string.Join(" = ", same.Select(p => p.Item1))} = {same.Key}: the ports must differ.";
        if (StoreWait < TimeSpan.Zero)
            yield return $"store-wait = {StoreWait.TotalSeconds}: must be 0 seconds or more.";
        if (Address is not null && !IPAddress.TryParse(Address, out _))
            yield return $"address = '{TerminalText.Quote(Address)}': must be an IP address, such as 10.0.0.5.";
        foreach (var device in DeviceList().Where(d => !(d == "cpu" || d.StartsWith("cuda:", StringComparison.Ordinal)) || !Gan.Core.Training.TrainerOptionCatalog.IsDevice(d)))
            yield return $"device = '{TerminalText.Quote(device)}': must be cpu, cuda, or cuda:N[,cuda:M…].";
    }

    /// <summary>The ports this silo listens on, by option.</summary>
    public IReadOnlyList<(string Option, int Port)> Ports() =>
        [("port", Port), ("gateway-port", GatewayPort), .. HealthPort is { } health ? [("health-port", health)] : Array.Empty<(string, int)>()];

    /// <summary>The devices named by --device, cuda expanded later to every GPU.</summary>
    public IReadOnlyList<string> DeviceList() =>
        Device is null or "cuda" or "cpu" ? [] : [.. Device.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}

/// <summary>
/// <c>sweep silo</c>: joins this node to the cluster whose store (and membership) is the given
/// PostgreSQL, and trains trials in its slots until SIGTERM or Ctrl-C, which hand its trials back.
/// </summary>
public sealed class SiloCommand() : SweepCommand<SiloSettings>("silo", "Join this node to a cluster (--store postgres://…) and train its sweeps' trials until stopped.")
{
    private readonly StoreOptions store = new(withArtifacts: true);
    private readonly Option<int?> slots = new("--slots") { Description = "Trials trained at once (default: one per GPU; on the CPU one per core)." };
    private readonly Option<string?> device = new("--device") { Description = "cpu, cuda (every GPU), or cuda:N[,cuda:M…] (default: every GPU, else cpu)." };
    private readonly Option<int?> threads = new("--threads") { Description = "libtorch threads per slot (default: cores / slots)." };
    private readonly Option<int> port = new("--port") { Description = "Port for the other silos.", DefaultValueFactory = _ => 11111 };
    private readonly Option<int> gatewayPort = new("--gateway-port") { Description = "Port for clients (sweep run, watch, cancel, cluster).", DefaultValueFactory = _ => 30000 };
    private readonly Option<string?> address = new("--address") { Description = "The IP address other nodes reach this one at (default: this machine's first, else loopback)." };
    private readonly Option<int?> healthPort = new("--health-port") { Description = "Answer HTTP probes on this port: /healthz/ready from joining until SIGTERM, /healthz/live until declared dead, and Prometheus metrics at /metrics (default: none)." };
    private readonly Option<int> storeWait = new("--store-wait") { Description = "Seconds to wait at start for a store that cannot be reached yet (a PostgreSQL still starting).", DefaultValueFactory = _ => 120 };

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [.. store.Symbols, slots, device, threads, port, gatewayPort, address, healthPort, storeWait];

    /// <inheritdoc />
    public override SiloSettings Bind(ParseResult parse) => new(
        Store: store.Bind(parse),
        Slots: parse.GetValue(slots),
        Device: parse.GetValue(device),
        Threads: parse.GetValue(threads),
        Port: parse.GetValue(port),
        GatewayPort: parse.GetValue(gatewayPort),
        Address: parse.GetValue(address),
        HealthPort: parse.GetValue(healthPort),
        StoreWait: TimeSpan.FromSeconds(parse.GetValue(storeWait)));

    /// <inheritdoc />
    public override int Execute(SiloSettings settings, CommandContext context)
    {
        var devices = Devices(settings);
        var threadsPerSlot = settings.Threads ?? Math.Max(1, Environment.ProcessorCount / devices.Count);
        var endpoints = new SiloEndpoints(settings.Port, settings.GatewayPort, settings.Address is { } a ? IPAddress.Parse(a) : LocalAddress());
        // Checked before joining. A taken port most likely belongs to another silo on this machine:
        // Orleans would take the two for one silo restarted and declare the running one dead.
        foreach (var (option, port) in settings.Ports())
        {
            if (LocalPort.Problem(IPAddress.Any, port) is { } problem)
                throw new UserInputException($"{option} = {port}: taken on this machine ({problem}), perhaps by another silo. " +
                                             "Each silo on a machine needs its own --port and --gateway-port (and --health-port); nothing was joined.");
        }
        // A silo often starts before its PostgreSQL (a cluster coming up): it waits, bounded, and
        // then fails with a clear error rather than retrying forever.
        StoreStartup.WaitUntilOpen(settings.Store, settings.StoreWait, context.Error, context.Cancellation);
        CheckArtifacts(settings.Store, context);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Orleans.Runtime.Silo warns at every start that server GC is off. The silo only
        // schedules (its trainers are processes of their own), so that is advice for another
        // kind of host; SWEEP_LOG=warning shows it again.
        builder.Logging.SetSweepLevel(LogLevel.Warning, quiet: "Orleans.Runtime.Silo");
        builder.Logging.AddSweepConsole();
        builder.UseOrleans(silo =>
        {
            silo.UseSweepClustering(settings.Store, endpoints)
                .AddSweepSlots(settings.Store, options =>
                {
                    options.Devices = devices;
                    options.ThreadsPerSlot = threadsPerSlot;
                }, context.Error);
            if (settings.HealthPort is { } health)
                silo.AddHealthEndpoint(health);
        });
        using var host = builder.Build();
        Blocking.Run(async () => { await host.StartAsync(context.Cancellation); return 0; });
        context.Out.WriteLine($"Silo {endpoints.Address}:{endpoints.SiloPort} joined the cluster in {TerminalText.Clean(settings.Store.Display)}: " +
                              $"{devices.Count} slot{(devices.Count == 1 ? "" : "s")} ({string.Join(", ", devices)}), {threadsPerSlot} thread{(threadsPerSlot == 1 ? "" : "s")} each; " +
                              $"clients connect on port {endpoints.GatewayPort}. SIGTERM or Ctrl-C hands its trials back and leaves.");
        context.Out.Flush();
        context.Cancellation.WaitHandle.WaitOne();
        // Stopping begins here, before the hand-back: from now on the health endpoint says not ready.
        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        context.Out.WriteLine($"Leaving: trainers checkpoint and hand their trials back (at most {SlotRunner.HandBackBound.TotalSeconds:F0} s).");
        context.Out.Flush();
        Blocking.Run(async () => { await host.StopAsync(CancellationToken.None); return 0; });
        context.Out.WriteLine("Left the cluster.");
        return ExitCodes.Ok;
    }

    /// <summary>Refuses an artifact directory this silo cannot write, and warns that without one the database keeps every checkpoint.</summary>
    private static void CheckArtifacts(StoreLocation store, CommandContext context)
    {
        if (store.Artifacts is not { } directory)
        {
            context.Error.WriteLine("No --artifacts: checkpoints and generator weights go into the database. Give every silo --artifacts DIR, a directory they all share, to keep them out of it.");
            return;
        }
        if (WritableFolder.Problem(directory, create: true) is { } problem)
            throw new UserInputException($"artifacts = '{TerminalText.Quote(directory, 300)}': cannot be written ({problem}). Mount the directory the silos share there, or fix its permissions.");
    }

    private static IReadOnlyList<string> Devices(SiloSettings settings)
    {
        var named = settings.DeviceList();
        var gpus = settings.Device == "cpu" ? 0 : cuda.device_count();
        if (settings.Device is "cuda" && gpus == 0)
            throw new UserInputException("device = 'cuda': this machine has no GPU that TorchSharp can use. Run 'sweep info' to see why, or use --device cpu.");
        WorkerPlanSettings.CheckCount(settings.Slots, gpus, "slots");
        if (named.Count > 0)
            return [.. Enumerable.Range(0, settings.Slots ?? named.Count).Select(i => named[i % named.Count])];
        return SlotOptions.DevicesFor(WorkerPlan.Default(settings.Slots, settings.Threads, gpus));
    }

    private static IPAddress LocalAddress() =>
        Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? IPAddress.Loopback;
}
