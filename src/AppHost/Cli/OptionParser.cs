namespace Crm.AppHost.Cli;

/// <summary>
/// Parses the AppHost's three options. Hand-written rather than System.CommandLine because the surface is tiny and the
/// error text (what went wrong, what to do) matters more than features.
/// </summary>
public static class OptionParser
{
    // Above this the machine (2 cores) would spend minutes starting silos; it is almost certainly a typo.
    public const int MaxSilos = 16;

    public const string Usage = """
        usage: dotnet run --project src/AppHost [-- options]

        options:
          --data DIR    data folder (SQLite files, logs, gateway secret); default ./.crm-data, created if missing
          --port N      gateway port on 127.0.0.1 (1-65535); default 5080
          --silos N     number of customer silo processes (1-16); default 1
          --help        show this text
        """;

    /// <summary>Returns null when the user asked for help.</summary>
    public static AppHostOptions? Parse(IReadOnlyList<string> args, string currentDirectory)
    {
        string? data = null;
        int? port = null;
        int? silos = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = SplitInlineValue(args[i]);
            if (name is "-h" or "--help" or "-?")
                return null;
            if (name is not ("--data" or "--port" or "--silos"))
                throw new OptionsException($"unknown option '{args[i]}'. Known options: --data, --port, --silos, --help.");
            if (!seen.Add(name))
                throw new OptionsException($"{name} was given twice; give it once.");

            var value = TakeValue(args, ref i, name, inlineValue);
            switch (name)
            {
                case "--data":
                    data = value;
                    break;
                case "--port":
                    port = ParseInt(value, name, 1, 65535);
                    break;
                default:
                    silos = ParseInt(value, name, 1, MaxSilos);
                    break;
            }
        }

        var dataDirectory = Path.GetFullPath(data ?? AppHostOptions.DefaultDataFolderName, currentDirectory);
        return new AppHostOptions(dataDirectory, port ?? AppHostOptions.DefaultGatewayPort, silos ?? AppHostOptions.DefaultSiloCount);
    }

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
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new OptionsException($"{name} expects a whole number from {min} to {max}, but got '{text}'.");

    private static string Example(string name) => name switch
    {
        "--data" => "/tmp/crm-data",
        "--port" => "5080",
        _ => "2",
    };
}
