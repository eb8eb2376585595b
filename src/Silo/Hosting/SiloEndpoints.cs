using System.Net;

namespace Silo.Hosting;

/// <summary>Where a silo listens: its port for other silos, its gateway port for clients, and the address it advertises.</summary>
/// <param name="SiloPort">Silo-to-silo port.</param>
/// <param name="GatewayPort">Client port (0: none).</param>
/// <param name="Address">The address other silos and clients reach it at.</param>
public sealed record SiloEndpoints(int SiloPort, int GatewayPort, IPAddress Address);
