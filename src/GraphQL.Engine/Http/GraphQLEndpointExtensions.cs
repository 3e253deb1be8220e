using System.Text;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Http;
using GraphQL.Engine.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

// Endpoint mapping extensions conventionally live in this namespace so `app.MapGraphQL` needs no extra using.
namespace Microsoft.AspNetCore.Builder;

public static class GraphQLEndpointExtensions
{
    /// <summary>
    /// Serves <paramref name="schema"/> over HTTP at <paramref name="pattern"/> (GET and POST) and its SDL at
    /// <c>{pattern}/schema.graphql</c>. Resolvers receive the request's services and its abort token.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQL(this IEndpointRouteBuilder endpoints, string pattern, Schema schema, GraphQLHttpOptions? options = null)
    {
        options ??= new GraphQLHttpOptions();
        var executor = new DocumentExecutor(schema, options.Execution);
        var handler = new GraphQLHttpHandler(executor, options);
        var group = endpoints.MapGroup(pattern);
        group.Map(string.Empty, handler.HandleAsync);
        if (options.EnableSchemaEndpoint)
        {
            var sdl = Encoding.UTF8.GetBytes(schema.ToSdl());
            group.MapGet("/schema.graphql", async http =>
            {
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.Body.WriteAsync(sdl, http.RequestAborted);
            });
        }

        return group;
    }
}
