using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Crm.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace ServiceDefaults.Tests.Errors;

public sealed class ErrorResponseTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public sealed record Order(string Item, int Quantity);

    public async Task InitializeAsync()
    {
        // Production: the environment in which ASP.NET Core would otherwise answer a bare 400 and show nothing.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        _app = builder.Build();
        _app.UseServiceDefaults();
        _app.MapPost("/orders", (Order order) => order.Item);
        _app.MapGet("/fails", string () => throw new InvalidOperationException("secret connection string"));
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_body_that_is_not_json_answers_400_saying_what_is_wrong()
    {
        using var response = await _client.PostAsync("/orders", new StringContent("garbage", Encoding.UTF8, "application/json"));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("as JSON", (string)problem["detail"]!);
        Assert.Contains("'g' is an invalid start of a value", (string)problem["detail"]!);
    }

    [Fact]
    public async Task An_unexpected_failure_answers_500_without_its_details()
    {
        using var response = await _client.GetAsync("/fails");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("secret", body);
    }

    [Fact]
    public async Task A_good_request_is_untouched()
    {
        using var response = await _client.PostAsJsonAsync("/orders", new Order("tea", 2));

        Assert.Equal("tea", await response.Content.ReadAsStringAsync());
    }
}
