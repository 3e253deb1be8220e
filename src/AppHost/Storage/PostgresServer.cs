using System.Diagnostics;
using System.Security.Cryptography;
using Crm.AppHost.Networking;
using Crm.AppHost.Secrets;

namespace Crm.AppHost.Storage;

/// <summary>
/// Debian's PostgreSQL as two executables: a one-shot <c>initdb</c> on a new data folder, then the server on a free
/// port of 127.0.0.1 with its data in &lt;data&gt;/postgres. initdb and postgres refuse to run as root, so a root
/// AppHost runs them as the postgres user through setpriv.
/// </summary>
public static class PostgresServer
{
    public const string ResourceName = "postgres";
    public const string FolderName = "postgres";
    private const string PasswordFileName = "postgres.password";
    private const string User = "crm";
    private const string SystemUser = "postgres";

    public static (IResourceBuilder<IResource> Server, string ConnectionString) Add(IDistributedApplicationBuilder builder, string dataDirectory)
    {
        var bin = LocateBinaries();
        var folder = Path.Combine(dataDirectory, FolderName);
        var passwordFile = Path.Combine(dataDirectory, PasswordFileName);
        var password = SecretFile.ReadOrCreate(passwordFile, () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        var port = LoopbackPorts.AllocateFree(1)[0];

        var server = AddAsSystemUser(builder, ResourceName, Path.Combine(bin, "postgres"), dataDirectory,
            "-D", folder, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", $"listen_addresses={TcpHealthCheck.Host}", "-c", "unix_socket_directories=");
        TcpHealthCheck.AddTo(server, port);

        if (!File.Exists(Path.Combine(folder, "PG_VERSION")))
        {
            Directory.CreateDirectory(folder);
            GiveToSystemUser(folder, passwordFile);
            EnsureSystemUserReaches(dataDirectory, folder);
            var init = AddAsSystemUser(builder, ResourceName + "-init", Path.Combine(bin, "initdb"), dataDirectory,
                "-D", folder, "-U", User, "--auth=scram-sha-256", $"--pwfile={passwordFile}", "--encoding=UTF8", "--no-instructions");
            server.WaitForCompletion(init);
        }

        return (server, $"Host={TcpHealthCheck.Host};Port={port};Username={User};Password={password};Database=postgres");
    }

    private static IResourceBuilder<ExecutableResource> AddAsSystemUser(
        IDistributedApplicationBuilder builder, string name, string program, string workingDirectory, params string[] args)
    {
        var executable = Environment.IsPrivilegedProcess
            ? builder.AddExecutable(name, "setpriv", workingDirectory,
                ["--reuid", SystemUser, "--regid", SystemUser, "--init-groups", program, .. args])
            : builder.AddExecutable(name, program, workingDirectory, args);
        return executable.ExcludeFromManifest();
    }

    /// <summary>The newest installed server's bin folder, or a clear message naming the package to install.</summary>
    private static string LocateBinaries()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "postgres")) && File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new AppHostException(
            "--storage postgres runs Debian's PostgreSQL, which is not installed (no /usr/lib/postgresql/*/bin/postgres). " +
            "Install it with `sudo apt-get install postgresql`, or use an existing server with --postgres \"<connection string>\".");
    }

    /// <summary>
    /// As root, the server's folder and the password file must belong to the user the server runs as, and that user
    /// must be able to pass through the data folder to reach them: the data folder's group becomes that user's, with
    /// only the right to pass through (a folder from mktemp is 0700, and initdb would fail on it).
    /// </summary>
    private static void GiveToSystemUser(string folder, string passwordFile)
    {
        if (!Environment.IsPrivilegedProcess)
            return;
        var dataDirectory = Path.GetDirectoryName(folder)!;
        if (Run("chown", "-R", $"{SystemUser}:{SystemUser}", folder, passwordFile) is not 0
            || Run("chgrp", SystemUser, dataDirectory) is not 0
            || Run("chmod", "g+x", dataDirectory) is not 0)
            throw new AppHostException(
                $"could not give {folder} and {passwordFile} to the {SystemUser} user; " +
                "is PostgreSQL installed (`sudo apt-get install postgresql` creates the user)?");
    }

    /// <summary>As root, fails now, saying why, if a folder above the data folder keeps the server's user out.</summary>
    private static void EnsureSystemUserReaches(string dataDirectory, string folder)
    {
        if (!Environment.IsPrivilegedProcess
            || Run("setpriv", "--reuid", SystemUser, "--regid", SystemUser, "--init-groups", "test", "-w", folder) is 0)
            return;
        throw new AppHostException(
            $"PostgreSQL runs as the {SystemUser} user (it refuses root), who cannot reach {folder}: a folder above " +
            $"{dataDirectory} denies it (a home folder such as /root is 0700). Give --data a folder outside it, such as " +
            $"/var/lib/crm, or run the AppHost as a normal user.");
    }

    private static int Run(string program, params string[] args)
    {
        using var process = Process.Start(program, args);
        process.WaitForExit();
        return process.ExitCode;
    }
}
