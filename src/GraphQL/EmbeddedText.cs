namespace Crm.GraphQL;

/// <summary>
/// Reads the text files compiled into this assembly (see the EmbeddedResource items in the project): the schema's
/// .graphql files beside their resolvers, and the invitation page.
/// </summary>
public static class EmbeddedText
{
    public static string Load(string path)
    {
        var name = "Crm.GraphQL." + path.Replace('/', '.');
        using var stream = typeof(EmbeddedText).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The file {path} is not embedded (looked for resource {name}).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
