using System.Diagnostics;
using System.Net;
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
    private readonly string? password;
    private int databases;

    /// <summary>A server on a free loopback port that trusts every connection.</summary>
    public PostgresServer() : this(IPAddress.Loopback.ToString(), FreePorts.Next(), null)
    {
    }

    /// <summary>A server on <paramref name="address"/>:<paramref name="port"/>; with a <paramref name="password"/>, the only way in (SCRAM).</summary>
    public static PostgresServer On(string address, int port, string? password) => new(address, port, password);

    // xUnit builds a class fixture through its one public constructor: this one stays private.
    private PostgresServer(string address, int port, string? password)
    {
        Address = address;
        Port = port;
        this.password = password;
        Directory.CreateDirectory(folder);
        if (IsRoot)
            Run("chown", "postgres:postgres", folder);
        var passwordFile = Path.Combine(folder, "password");
        File.WriteAllText(passwordFile, password ?? "");
        if (IsRoot)
            Run("chown", "postgres:postgres", passwordFile);
        RunAsOwner(Path.Combine(bin, "initdb"), ["-D", DataDirectory, "-U", User, "-E", "UTF8", "--no-sync",
            .. password is null ? ["--auth=trust"] : new[] { "--auth=scram-sha-256", $"--pwfile={passwordFile}" }]);
        File.Delete(passwordFile);
        // initdb lets in loopback connections only; a server on another address also takes
        // those from the networks it is on.
        if (!IPAddress.IsLoopback(IPAddress.Parse(address)))
            File.AppendAllText(Path.Combine(DataDirectory, "pg_hba.conf"), $"host all all samenet {(password is null ? "trust" : "scram-sha-256")}\n");
        Start();
    }

    /// <summary>The server's user, which owns every database it makes.</summary>
    public const string User = "sweep";

    public string Address { get; }

    public int Port { get; }

    private string DataDirectory => Path.Combine(folder, "data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>A new, empty database's location.</summary>
    public StoreLocation NewDatabase() => CreateDatabase($"test{Interlocked.Increment(ref databases)}");

    /// <summary>Creates the database <paramref name="name"/>; its location.</summary>
    public StoreLocation CreateDatabase(string name)
    {
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        return StoreLocation.Parse(Url(name));
    }

    public string Url(string database) => $"postgres://{User}@{Address}:{Port}/{database}";

    public string ConnectionString(string database) => $"Host={Address};Port={Port};Username={User};Database={database};Pooling=false" + (password is null ? "" : $";Password={password}");

    /// <summary>Runs SQL straight against a database, around the store.</summary>
    public void Execute(StoreLocation database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(new NpgsqlConnectionStringBuilder(database.Target).Database!));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>The one number a query straight against a database answers, around the store.</summary>
    public long Query(StoreLocation database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(new NpgsqlConnectionStringBuilder(database.Target).Database!));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Stops the server at once, the way a crash or a restart of its host would, dropping every connection.</summary>
    public void Stop() => RunAsOwner(Path.Combine(bin, "pg_ctl"), "-D", DataDirectory, "-m", "immediate", "-w", "stop");

    public void Start() =>
        RunAsOwner(Path.Combine(bin, "pg_ctl"), "-D", DataDirectory, "-w", "-l", Path.Combine(folder, "server.log"), "-o",
            $"-p {Port} -k {folder} -c listen_addresses={Address} -c fsync=off -c max_connections=200", "start");

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
}
