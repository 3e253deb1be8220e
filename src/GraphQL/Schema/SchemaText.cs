namespace Crm.GraphQL;

/// <summary>Reads the .graphql files compiled into this assembly (see the EmbeddedResource item in the project).</summary>
public static class SchemaText
{
    public static string Load(string path)
    {
        var name = "Crm.GraphQL." + path.Replace('/', '.');
        using var stream = typeof(SchemaText).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The schema file {path} is not embedded (looked for resource {name}).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
