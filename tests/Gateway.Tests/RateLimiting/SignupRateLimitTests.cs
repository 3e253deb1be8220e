using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Crm.Contracts.Tenants;
using Crm.Gateway.RateLimiting;

namespace Gateway.Tests.RateLimiting;

public sealed class SignupRateLimitTests : IAsyncLifetime
{
    private static readonly ApiKey Key = ApiKey.Create(TenantIds.New());
    private GatewayUnderTest _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayUnderTest.StartAsync(
        new OnlyThisKey(Key), new Dictionary<string, string?> { [AddressRateLimits.SignupConfigurationKey] = "2" });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private Task<HttpResponseMessage> SignUpAsync() => _gateway.Client.PostAsync("/api/tenants", new StringContent("{}"));

    [Fact]
    public async Task Past_the_limit_sign_up_answers_429_with_retry_after_and_reaches_no_service()
    {
        using var first = await SignUpAsync();
        using var second = await SignUpAsync();
        using var third = await SignUpAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.InRange(third.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var problem = JsonNode.Parse(await third.Content.ReadAsStringAsync())!;
        Assert.Contains("Too many requests from this address", (string?)problem["title"]);
        Assert.Equal(2, _gateway.Forwarded);
    }

    [Fact]
    public async Task The_limit_is_for_sign_up_only_a_tenant_with_a_key_is_not_held_back()
    {
        for (var i = 0; i < 3; i++)
            (await SignUpAsync()).Dispose();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key.ToString());
        using var response = await _gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
