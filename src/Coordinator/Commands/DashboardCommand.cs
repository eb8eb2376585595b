using System.CommandLine;
using System.Net;
using Coordinator.Cli;
using Coordinator.Dashboard;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep dashboard</c>.</summary>
/// <param name="Store">Where the sweeps are stored.</param>
/// <param name="Port">The port; 0 picks a free one.</param>
/// <param name="Bind">The address to listen on.</param>
public sealed record DashboardSettings(StoreLocation Store, int Port, string Bind) : StoreSettings(Store)
{
    /// <inheritdoc />
    public override IEnumerable<string> Validate()
    {
        if (Port is < 0 or > 65535)
            yield return $"port = {Port}: must be a port from 1 to 65535, or 0 for any free one.";
        if (!IPAddress.TryParse(Bind, out _))
            yield return $"bind = '{TerminalText.Quote(Bind)}': must be an IP address, such as 127.0.0.1, or 0.0.0.0 for every interface.";
    }
}

/// <summary><c>sweep dashboard [--store URL] [--port P] [--bind ADDRESS]</c>: serves the report's views live until Ctrl-C.</summary>
public sealed class DashboardCommand() : SweepCommand<DashboardSettings>("dashboard", "Serve the report's views live from a store, on this machine only unless --bind says otherwise.")
{
    private readonly StoreOptions store = new();
    private readonly Option<int> port = new("--port") { Description = "The port (0: any free one).", DefaultValueFactory = _ => 8787 };
    private readonly Option<string> bind = new("--bind")
    {
        Description = "The address to listen on (default 127.0.0.1). Anything else lets others in: the dashboard has no authentication.",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [.. store.Symbols, port, bind];

    /// <inheritdoc />
    public override DashboardSettings Bind(ParseResult parse) => new(Store: store.Bind(parse), Port: parse.GetValue(port), Bind: parse.GetValue(bind)!);

    /// <inheritdoc />
    public override int Execute(DashboardSettings settings, CommandContext context)
    {
        // Opened once up front: a store that is not there is bad input now, not an error page later.
        // A cluster's database that nothing has been stored in yet is not: the dashboard of a new
        // cluster starts before its first sweep, and lists the sweeps as they come.
        try
        {
            SweepStoreFactory.OpenReadOnly(settings.Store).Dispose();
        }
        catch (StoreException e) when (e.Code == StoreErrorCode.Empty && settings.Store.Shared)
        {
            context.Error.WriteLine($"{TerminalText.Clean(settings.Store.Display)} holds no sweeps yet: the dashboard lists them as they are stored.");
        }
        var address = IPAddress.Parse(settings.Bind);
        if (LocalPort.Problem(address, settings.Port) is { } problem)
            throw new UserInputException($"port {settings.Port} on {address}: cannot listen there ({problem}). Choose another --port (0 takes any free one), or --bind an address of this machine.");
        if (!IPAddress.IsLoopback(address))
            context.Error.WriteLine($"warning: listening on {address}: the dashboard has no authentication, so anyone who can reach this port sees every sweep in {TerminalText.Clean(settings.Store.Display)}.");
        var app = DashboardServer.Build(settings.Store, address, settings.Port);
        Blocking.Run(async () => { await app.StartAsync(context.Cancellation); return 0; });
        var url = app.Urls.First();
        context.Out.WriteLine($"Dashboard of {TerminalText.Clean(settings.Store.Display)} at {url}/ (Ctrl-C stops it).");
        context.Out.Flush();
        context.Cancellation.WaitHandle.WaitOne();
        Blocking.Run(async () => { await app.StopAsync(CancellationToken.None); await app.DisposeAsync(); return 0; });
        return ExitCodes.Interrupted;
    }
}
