using Crm.AppHost.Networking;
using System.Diagnostics;

namespace Crm.Tests.Shared;

/// <summary>
/// A throw-away PostgreSQL server from Debian's postgresql package: initdb on a temp folder, pg_ctl start on a free
/// port, stop and delete at the end. initdb and pg_ctl refuse to run as root, so as root they run as "postgres".
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _folder;
    private readonly string _bin;

    public PostgresServer()
    {
        _bin = BinFolder ?? throw new InvalidOperationException(MissingMessage);
        RemoveAbandonedServers();
        _folder = Path.Combine(Path.GetTempPath(), "crm-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        if (IsRoot)
            Run("chown", "-R", "postgres:postgres", _folder);
        var data = Path.Combine(_folder, "data");
        Port = LoopbackPorts.AllocateOne();
        AsServerUser(Path.Combine(_bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
        AsServerUser(Path.Combine(_bin, "pg_ctl"), "-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=500", "start");
        ConnectionString = $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true";
        var stop = $"'{Path.Combine(_bin, "pg_ctl")}' -D '{data}' -m immediate -w stop";
        Watchdog.AfterThisProcessExits($"{(IsRoot ? $"runuser -u postgres -- {stop}" : stop)} >/dev/null 2>&1; rm -rf '{_folder}'");
    }

    public const string MissingMessage =
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run ./test.sh (it installs Debian's postgresql package).";

    private static string? BinFolder { get; } = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, "bin")).FirstOrDefault(b => File.Exists(Path.Combine(b, "initdb")))
        : null;

    private static readonly Lazy<PostgresServer> SharedServer = new(() =>
    {
        var server = new PostgresServer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    });

    /// <summary>One server for the whole test run (started on first use); each test takes its own database.</summary>
    public static PostgresServer Shared => SharedServer.Value;

    /// <summary>A new empty database on this server, so tests never see each other's rows.</summary>
    public string CreateDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new Npgsql.NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Pooling=true";
    }

    public int Port { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// The watchdog normally removes a server's folder; if the machine went down instead, a later run removes folders
    /// older than an hour whose server no longer runs (no postmaster.pid, or its process is gone).
    /// </summary>
    private static void RemoveAbandonedServers()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), "crm-pg-*"))
        {
            // A folder another test run is still initializing has no postmaster.pid yet: leave young folders alone.
            if (DateTime.UtcNow - Directory.GetCreationTimeUtc(folder) < TimeSpan.FromHours(1))
                continue;
            var pidFile = Path.Combine(folder, "data", "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) && Directory.Exists($"/proc/{pid}"))
                continue;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // another run is using or removing it
            }
        }
    }

    private static bool IsRoot => Environment.UserName == "root";


    private static void AsServerUser(string program, params string[] arguments)
    {
        if (IsRoot)
            Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        else
            Run(program, arguments);
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            process.Kill(entireProcessTree: true);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output.Result}{error.Result}");
    }

    public void Dispose()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        try
        {
            AsServerUser(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
