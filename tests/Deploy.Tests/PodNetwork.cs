using System.Diagnostics;
using System.Globalization;

/// <summary>
/// Pods on this machine, as far as networking goes: each pod is a network namespace with its own
/// address on a bridge, so that two silos listen on the same ports as their pod specs say, and
/// each resolves Service names (the hosts file `ip netns exec` mounts for it) to the host's
/// address on the bridge, where the test's PostgreSQL listens. Needs root (ip netns).
/// </summary>
internal sealed class PodNetwork : IDisposable
{
    private readonly string id = Guid.NewGuid().ToString("N")[..6];
    private readonly int subnet = 1 + Random.Shared.Next(250);
    private readonly List<string> namespaces = [];
    private readonly Dictionary<string, string> services;

    /// <param name="services">The Service names the pods resolve to the host.</param>
    public PodNetwork(params string[] services)
    {
        this.services = services.ToDictionary(s => s, _ => HostAddress);
        Ip("link", "add", Bridge, "type", "bridge");
        Ip("addr", "add", $"{HostAddress}/24", "dev", Bridge);
        Ip("link", "set", Bridge, "up");
    }

    /// <summary>The Service names the pods resolve, with the address each resolves to.</summary>
    public IReadOnlyDictionary<string, string> Services => services;

    /// <summary>This machine's address on the bridge, where the pods reach Services.</summary>
    public string HostAddress => $"10.213.{subnet}.1";

    private string Bridge => $"swb{id}";

    /// <summary>Whether this process may make namespaces.</summary>
    public static bool Possible => Environment.UserName == "root" && (File.Exists("/usr/sbin/ip") || File.Exists("/sbin/ip"));

    /// <summary>A new pod: its namespace's name and its IP address.</summary>
    public (string name, string address) AddPod()
    {
        var index = namespaces.Count;
        var name = $"swp{id}{index}";
        var address = $"10.213.{subnet}.{index + 2}";
        var (pod, host) = ($"swv{id}{index}p", $"swv{id}{index}h");
        namespaces.Add(name);
        Ip("netns", "add", name);
        Ip("link", "add", pod, "type", "veth", "peer", "name", host);
        Ip("link", "set", pod, "netns", name);
        Ip("link", "set", host, "master", Bridge);
        Ip("link", "set", host, "up");
        Ip("netns", "exec", name, "ip", "addr", "add", $"{address}/24", "dev", pod);
        Ip("netns", "exec", name, "ip", "link", "set", pod, "up");
        Ip("netns", "exec", name, "ip", "link", "set", "lo", "up");
        Directory.CreateDirectory(EtcFolder(name));
        File.WriteAllLines(Path.Combine(EtcFolder(name), "hosts"),
            ["127.0.0.1 localhost", $"{address} {name}", .. services.Select(s => $"{s.Value} {s.Key}")]);
        return (name, address);
    }

    /// <summary>A start for <paramref name="program"/> inside pod <paramref name="pod"/>.</summary>
    public static ProcessStartInfo StartIn(string pod, string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "netns", "exec", pod, program }.Concat(arguments))
            start.ArgumentList.Add(argument);
        return start;
    }

    public void Dispose()
    {
        foreach (var name in namespaces)
        {
            Ip(check: false, "netns", "del", name);
            if (Directory.Exists(EtcFolder(name)))
                Directory.Delete(EtcFolder(name), recursive: true);
        }
        // Deleting a namespace deletes its end of each veth pair, and with it the host's end.
        Ip(check: false, "link", "del", Bridge);
    }

    private static string EtcFolder(string pod) => Path.Combine("/etc/netns", pod);

    private static void Ip(params string[] arguments) => Ip(check: true, arguments);

    private static void Ip(bool check, params string[] arguments)
    {
        var (exitCode, output, error) = Tool.Run("ip", null, arguments);
        if (check && exitCode != 0)
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} exited with {exitCode.ToString(CultureInfo.InvariantCulture)}: {error}{output}");
    }
}
