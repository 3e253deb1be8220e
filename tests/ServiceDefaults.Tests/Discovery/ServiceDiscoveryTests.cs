using Crm.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceDefaults.Tests.Discovery;

public sealed class ServiceDiscoveryTests
{
    [Fact]
    public async Task An_http_client_calling_a_service_by_name_reaches_the_address_the_apphost_gave_for_it()
    {
        var upstream = WebApplication.CreateBuilder();
        upstream.WebHost.UseUrls("http://127.0.0.1:0");
        await using var upstreamApp = upstream.Build();
        upstreamApp.MapGet("/who", () => "the real upstream");
        await upstreamApp.StartAsync();

        var builder = WebApplication.CreateBuilder();
        // What the AppHost sets for a service referenced as "upstream" (services__upstream__http__0).
        builder.Configuration["Services:upstream:http:0"] = upstreamApp.Urls.Single();
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        using var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        Assert.Equal("the real upstream", await client.GetStringAsync("http://upstream/who"));
    }
}
