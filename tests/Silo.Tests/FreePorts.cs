using System.Net;
using System.Net.Sockets;

/// <summary>Loopback ports for the servers and silos the tests start, each handed out once per test process.</summary>
internal static class FreePorts
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A loopback port no one listens on now and that no earlier call returned.</summary>
    /// <remarks>
    /// The kernel may give the same ephemeral port to two binds in a row once the first is closed, so
    /// a silo once got one port for both its silo and gateway endpoints and refused to start. Remembering
    /// what was handed out keeps two callers, or two endpoints of one silo, from sharing a port.
    /// </remarks>
    public static int Next()
    {
        lock (HandedOut)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (HandedOut.Add(port))
                    return port;
            }
        }
    }
}
