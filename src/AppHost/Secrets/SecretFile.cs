namespace Crm.AppHost.Secrets;

/// <summary>A secret kept in a file only its owner can read, created once and read back on every later start.</summary>
public static class SecretFile
{
    public static string ReadOrCreate(string path, Func<string> create)
    {
        if (File.Exists(path))
            return File.ReadAllText(path).Trim();

        var secret = create();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(path, options))
            writer.Write(secret);
        return secret;
    }
}
