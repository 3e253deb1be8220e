using System.Globalization;

namespace Crm.AppHost.Cli;

/// <summary>
/// Parses the AppHost's options. Hand-written rather than System.CommandLine because the surface is tiny and the
/// error text (what went wrong, what to do) matters more than features.
/// </summary>
public static class OptionParser
{
    // Above this the machine (2 cores) would spend minutes starting silos; it is almost certainly a typo.
    public const int MaxSilos = 16;

    // Each cell is a cluster, silos and a GraphQL service: more than a few would not start on this kind of machine.
    public const int MaxCells = 4;

    public const string Usage = """
        usage: dotnet run --project src/AppHost [-- options]

        options:
          --data DIR        data folder (SQLite files, PostgreSQL or Azurite data, gateway secret); default ./.crm-data, created if missing
          --port N          gateway port on 127.0.0.1 (1-65535); default 5080
          --silos N         number of customer silo processes (1-16); default 1 (two more wait in the dashboard, stopped)
          --storage MODE    sqlite (default, nothing to install), postgres (Debian's PostgreSQL) or azure (Azurite)
          --postgres CS     with --storage postgres: use this existing server (an Npgsql connection string) instead of starting one
          --cells N         number of cells (1-4); default 1. Each further cell is its own Orleans cluster (SQLite, in DIR/cells/cell-N)
                            with --silos silos and a GraphQL service; the gateway routes each tenant to its cell
          --help            show this text
        """;

    private static readonly string[] Known = ["--data", "--port", "--silos", "--storage", "--postgres", "--cells"];

    /// <summary>Returns null when the user asked for help.</summary>
    public static AppHostOptions? Parse(IReadOnlyList<string> args, string currentDirectory)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = SplitInlineValue(args[i]);
            if (name is "-h" or "--help" or "-?")
                return null;
            if (!Known.Contains(name))
                throw new OptionsException($"unknown option '{args[i]}'. Known options: {string.Join(", ", Known)}, --help.");
            if (values.ContainsKey(name))
                throw new OptionsException($"{name} was given twice; give it once.");
            values[name] = TakeValue(args, ref i, name, inlineValue);
        }

        var storage = values.TryGetValue("--storage", out var mode) ? ParseStorage(mode) : StorageMode.Sqlite;
        var postgres = values.GetValueOrDefault("--postgres");
        if (postgres is not null && storage != StorageMode.Postgres)
            throw new OptionsException("--postgres names an existing PostgreSQL server, which only --storage postgres uses; add --storage postgres or leave --postgres out.");

        var cells = values.TryGetValue("--cells", out var cellText) ? ParseInt(cellText, "--cells", 1, MaxCells) : AppHostOptions.DefaultCellCount;
        if (cells > 1 && storage != StorageMode.Sqlite)
            throw new OptionsException("--cells above 1 works with --storage sqlite only (each further cell keeps its own SQLite files); leave --storage out or use one cell.");

        return new AppHostOptions(
            Path.GetFullPath(values.GetValueOrDefault("--data") ?? AppHostOptions.DefaultDataFolderName, currentDirectory),
            values.TryGetValue("--port", out var port) ? ParseInt(port, "--port", 1, 65535) : AppHostOptions.DefaultGatewayPort,
            values.TryGetValue("--silos", out var silos) ? ParseInt(silos, "--silos", 1, MaxSilos) : AppHostOptions.DefaultSiloCount,
            storage,
            postgres,
            cells);
    }

    private static StorageMode ParseStorage(string text) => text switch
    {
        "sqlite" => StorageMode.Sqlite,
        "postgres" => StorageMode.Postgres,
        "azure" => StorageMode.Azure,
        _ => throw new OptionsException($"--storage expects sqlite, postgres or azure, but got '{text}'."),
    };

    private static (string Name, string? InlineValue) SplitInlineValue(string arg)
    {
        var equals = arg.IndexOf('=');
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static string TakeValue(IReadOnlyList<string> args, ref int i, string name, string? inlineValue)
    {
        if (inlineValue is not null)
            return inlineValue.Length > 0 ? inlineValue : throw new OptionsException($"{name} needs a value, e.g. {name} {Example(name)}.");
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            throw new OptionsException($"{name} needs a value, e.g. {name} {Example(name)}.");
        return args[++i];
    }

    private static int ParseInt(string text, string name, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new OptionsException($"{name} expects a whole number from {min} to {max}, but got '{text}'.");

    private static string Example(string name) => name switch
    {
        "--data" => "/tmp/crm-data",
        "--port" => "5080",
        "--storage" => "postgres",
        "--postgres" => "\"Host=127.0.0.1;Port=5432;Username=crm;Password=...;Database=crm\"",
        _ => "2",
    };
}
