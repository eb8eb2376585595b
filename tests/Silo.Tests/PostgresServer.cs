using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Silo.Stores;

/// <summary>
/// A throw-away PostgreSQL server for a test class: Debian's postgresql package, initialised in a
/// temporary folder, listening on a free loopback port, run by the unprivileged 'postgres' user
/// when the tests run as root (initdb refuses root), stopped and deleted at the end.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweep-pg-" + Guid.NewGuid().ToString("N"));
    private readonly string bin = FindBin();
    private int databases;

    public PostgresServer()
    {
        Port = FreePort();
        Directory.CreateDirectory(folder);
        if (IsRoot)
            Run("chown", "postgres:postgres", folder);
        RunAsOwner(Path.Combine(bin, "initdb"), "-D", DataDirectory, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync");
        Start();
    }

    /// <summary>The server's user, which owns every database it makes.</summary>
    public const string User = "sweep";

    public int Port { get; }

    private string DataDirectory => Path.Combine(folder, "data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>A new, empty database's location.</summary>
    public StoreLocation NewDatabase()
    {
        var name = $"test{Interlocked.Increment(ref databases)}";
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        return StoreLocation.Parse(Url(name));
    }

    public string Url(string database) => $"postgres://{User}@127.0.0.1:{Port}/{database}";

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Pooling=false";

    /// <summary>Runs SQL straight against a database, around the store.</summary>
    public void Execute(StoreLocation database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(new NpgsqlConnectionStringBuilder(database.Target).Database!));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Stops the server at once, the way a crash or a restart of its host would, dropping every connection.</summary>
    public void Stop() => RunAsOwner(Path.Combine(bin, "pg_ctl"), "-D", DataDirectory, "-m", "immediate", "-w", "stop");

    public void Start() =>
        RunAsOwner(Path.Combine(bin, "pg_ctl"), "-D", DataDirectory, "-w", "-l", Path.Combine(folder, "server.log"), "-o",
            $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");

    public void Dispose()
    {
        try
        {
            Stop();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void RunAsOwner(string program, params string[] arguments)
    {
        if (IsRoot)
            Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        else
            Run(program, arguments);
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        // Read both streams to their end: a full pipe would block the server's start.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}{output.Result}");
    }

    private static string FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                  .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault() ?? throw NotInstalled()
            : throw NotInstalled();

    private static InvalidOperationException NotInstalled() =>
        new("PostgreSQL's server programs are not installed (no /usr/lib/postgresql/*/bin/initdb). Run ./setup.sh, which installs Debian's postgresql package.");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
