using System.Text.Json;
using GraphQL.Engine.Execution;
using Microsoft.AspNetCore.Http;

namespace GraphQL.Engine.Http;

/// <summary>
/// Reads GraphQL-over-HTTP request parameters from a POST JSON body or GET query string.
/// Every malformed parameter yields a message saying which parameter and what was expected.
/// </summary>
internal static class HttpRequestParser
{
    public static GraphQLRequest FromQueryString(IQueryCollection query)
    {
        IReadOnlyDictionary<string, object?>? variables = null;
        IReadOnlyDictionary<string, object?>? extensions = null;
        if (query.TryGetValue("variables", out var variablesText) && !string.IsNullOrEmpty(variablesText))
            variables = ParseJsonObject(variablesText!, "variables");
        if (query.TryGetValue("extensions", out var extensionsText) && !string.IsNullOrEmpty(extensionsText))
            extensions = ParseJsonObject(extensionsText!, "extensions");
        var operationName = query.TryGetValue("operationName", out var name) && !string.IsNullOrEmpty(name) ? name.ToString() : null;
        var queryText = query.TryGetValue("query", out var text) ? text.ToString() : null;
        var documentId = query.TryGetValue("documentId", out var id) ? id.ToString() : null;
        return new GraphQLRequest(queryText, variables, operationName) { Extensions = extensions, DocumentId = documentId };
    }

    public static GraphQLRequest FromJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new RequestFormatException("The request body must be a JSON object with a \"query\" string (or an array of such objects when batching).");
        string? query = null, operationName = null, documentId = null;
        IReadOnlyDictionary<string, object?>? variables = null, extensions = null;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "query":
                    query = StringOrNull(property.Value, "query");
                    break;
                case "operationName":
                    operationName = StringOrNull(property.Value, "operationName");
                    break;
                case "documentId":
                    documentId = StringOrNull(property.Value, "documentId");
                    break;
                case "variables":
                    variables = ObjectOrNull(property.Value, "variables");
                    break;
                case "extensions":
                    extensions = ObjectOrNull(property.Value, "extensions");
                    break;
            }
        }

        return new GraphQLRequest(query, variables, operationName) { Extensions = extensions, DocumentId = documentId };
    }

    private static string? StringOrNull(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => throw new RequestFormatException($"The \"{name}\" parameter must be a string, not {Describe(value)}."),
    };

    private static IReadOnlyDictionary<string, object?>? ObjectOrNull(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.Object => JsonValues.ToMap(value),
        JsonValueKind.Null => null,
        _ => throw new RequestFormatException($"The \"{name}\" parameter must be a JSON object (a map of names to values), not {Describe(value)}."),
    };

    private static Dictionary<string, object?> ParseJsonObject(string text, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? JsonValues.ToMap(document.RootElement)
                : throw new RequestFormatException($"The \"{name}\" parameter must be a JSON object, not {Describe(document.RootElement)}.");
        }
        catch (JsonException e)
        {
            throw new RequestFormatException($"The \"{name}\" parameter is not valid JSON: {e.Message}");
        }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.String => "a string",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}

/// <summary>The HTTP request itself is malformed (not the GraphQL document): answered with 400.</summary>
internal sealed class RequestFormatException(string message) : Exception(message);
