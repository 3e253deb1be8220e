namespace GraphQL.Engine.Execution;

/// <summary>
/// Thrown by resolvers to report an error the client may see: the message goes out as-is and
/// <see cref="Code"/> becomes <c>extensions.code</c>. Any other exception is reported without its details.
/// </summary>
public class GraphQLException(string message, string? code = null, IReadOnlyDictionary<string, object?>? extensions = null)
    : Exception(message)
{
    public string? Code { get; } = code;

    public IReadOnlyDictionary<string, object?>? Extensions { get; } = extensions;

    internal IReadOnlyDictionary<string, object?>? AllExtensions()
    {
        if (Code is null)
            return Extensions;
        var all = new Dictionary<string, object?>(Extensions ?? new Dictionary<string, object?>()) { ["code"] = Code };
        return all;
    }
}
