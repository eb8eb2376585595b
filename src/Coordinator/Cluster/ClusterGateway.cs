using System.Globalization;
using System.Net;
using Coordinator.Cli;

namespace Coordinator.Cluster;

/// <summary>
/// SWEEP_GATEWAY=HOST:PORT: the one silo gateway a client uses instead of those the store's
/// membership lists, for a client that cannot reach the silos' own addresses, such as a laptop
/// through `kubectl port-forward`.
/// </summary>
public static class ClusterGateway
{
    /// <summary>The variable.</summary>
    public const string Variable = "SWEEP_GATEWAY";

    /// <summary>The gateway SWEEP_GATEWAY names; null when it is unset.</summary>
    /// <exception cref="UserInputException">The value is not HOST:PORT, or HOST has no address.</exception>
    public static IPEndPoint? FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } value)
            return null;
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new UserInputException($"{Variable} = '{TerminalText.Quote(value)}': must be HOST:PORT, such as 127.0.0.1:30000, with a port from 1 to 65535.");
        var host = value[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
            return new IPEndPoint(address, port);
        try
        {
            return new IPEndPoint(Dns.GetHostAddresses(host).First(), port);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or InvalidOperationException or ArgumentException)
        {
            throw new UserInputException($"{Variable} = '{TerminalText.Quote(value)}': the host '{TerminalText.Quote(host)}' has no address. Name the gateway by IP address or by a name this machine resolves.");
        }
    }
}
