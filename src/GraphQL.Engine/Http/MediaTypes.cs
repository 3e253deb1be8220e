namespace GraphQL.Engine.Http;

internal static class MediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";
    public const string EventStream = "text/event-stream";
    public const string Html = "text/html";
}
