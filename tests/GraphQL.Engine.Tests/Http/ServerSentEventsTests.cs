using System.Net.Http.Headers;
using GraphQL.Engine.Types;

namespace GraphQL.Engine.Tests.Http;

public sealed class ServerSentEventsTests
{
    [Fact]
    public async Task A_subscription_with_no_event_yet_answers_its_headers_and_a_comment_at_once()
    {
        var schema = new SchemaBuilder()
            .AddTypeDefinitions("type Query { a: Int } type Subscription { never: Int }")
            .AddSubscription("Subscription", "never", context => Never(context.CancellationToken))
            .Build();
        await using var host = await TestHost.StartAsync(schema);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"subscription { never }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        // A comment line: SSE parsers skip it, and proxies that wait for body bytes pass the headers on.
        Assert.Equal(":", await reader.ReadLineAsync(timeout.Token));
    }

    private static async IAsyncEnumerable<object?> Never([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }
}
