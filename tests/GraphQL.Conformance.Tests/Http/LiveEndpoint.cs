using GraphQL.Engine.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GraphQL.Conformance.Tests.Http;

/// <summary>
/// The engine's endpoint with a small test schema on a real Kestrel socket, for the npm clients to talk to.
/// Set GRAPHQL_AUDIT_URL to audit another running endpoint instead (the GraphQL service, say).
/// </summary>
public sealed class LiveEndpoint : IAsyncLifetime
{
    private WebApplication? _app;

    public string Url { get; private set; } = string.Empty;

    public static Schema BuildSchema() => new SchemaBuilder()
        .AddTypeDefinitions("""
            type Query { hello(name: String = "world"): String! }
            type Mutation { shout(text: String!): String! }
            type Subscription { countdown(from: Int!): Int! greetings: String! }
            """)
        .AddResolver("Query", "hello", c => $"Hello, {c.Argument<string>("name")}!")
        .AddResolver("Mutation", "shout", c => c.Argument<string>("text")!.ToUpperInvariant())
        .AddSubscription("Subscription", "countdown", c => Countdown(c.Argument<int>("from"), c.CancellationToken))
        .AddSubscription("Subscription", "greetings", c => Greetings(c.CancellationToken))
        .Build();

    private static async IAsyncEnumerable<object?> Countdown(int from, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = from; i >= 0; i--)
        {
            await Task.Delay(10, cancellationToken);
            yield return i;
        }
    }

    private static async IAsyncEnumerable<object?> Greetings([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var greeting in new[] { "Hi", "Bonjour", "Hola", "Ciao", "Hallo" })
        {
            await Task.Delay(10, cancellationToken);
            yield return greeting;
        }
    }

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("GRAPHQL_AUDIT_URL") is { Length: > 0 } external)
        {
            Url = external;
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseWebSockets();
        // A loaded CI machine may take seconds to get the Node client to send connection_init; the 3 s default
        // deadline itself is covered by the engine's own WebSocket tests.
        _app.MapGraphQL("/graphql", BuildSchema(), new GraphQL.Engine.Http.GraphQLHttpOptions { ConnectionInitWaitTimeout = TimeSpan.FromSeconds(60) });
        await _app.StartAsync();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/graphql";
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }
}
