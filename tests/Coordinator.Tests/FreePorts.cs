using System.Net;
using System.Net.Sockets;

/// <summary>Ports for the silos the tests start.</summary>
internal static class FreePorts
{
    /// <summary>A loopback port no one listens on now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
