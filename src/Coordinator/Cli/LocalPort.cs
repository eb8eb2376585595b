using System.Net;
using System.Net.Sockets;

namespace Coordinator.Cli;

/// <summary>
/// Checks, before a server starts, that it can listen where it is told: a port another process
/// holds, or an address that is not this machine's, is the user's to fix, and is said in one line
/// rather than in a server's stack trace (or, for a silo, by a running silo declared dead).
/// </summary>
internal static class LocalPort
{
    /// <summary>Why nothing can listen on <paramref name="address"/>:<paramref name="port"/> now, or null if something can.</summary>
    public static string? Problem(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen();
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return "another process listens there already";
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            return $"{address} is not an address of this machine";
        }
        catch (SocketException e)
        {
            return e.Message.TrimEnd('.');
        }
    }
}
