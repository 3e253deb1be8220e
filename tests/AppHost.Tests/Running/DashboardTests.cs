using System.Net;

namespace AppHost.Tests.Running;

[Collection(RunningAppCollection.Name)]
public sealed class DashboardTests(RunningApp app)
{
    [Fact]
    public async Task The_dashboard_sends_a_browser_without_its_token_to_the_login_page_and_lets_one_with_the_token_in()
    {
        var login = app.DashboardLogin();
        var home = new Uri(login.GetLeftPart(UriPartial.Authority));
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

        using var anonymous = await http.GetAsync(home);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location!.IsAbsoluteUri ? anonymous.Headers.Location.AbsolutePath : anonymous.Headers.Location.OriginalString);

        using var wrongToken = await http.GetAsync(new Uri(home, "/login?t=not-the-token"));
        using var stillRefused = await http.GetAsync(home);
        Assert.Equal(HttpStatusCode.Redirect, stillRefused.StatusCode);

        using var withToken = await http.GetAsync(login);
        using var admitted = await http.GetAsync(home);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
    }

    [Fact]
    public async Task The_telemetry_api_answers_only_with_the_api_key()
    {
        var api = new Uri(new Uri(app.DashboardLogin().GetLeftPart(UriPartial.Authority)), "/api/telemetry/resources");
        using var http = new HttpClient();

        using var anonymous = await http.GetAsync(api);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, api) { Headers = { { "x-api-key", "not-the-key" } } };
        using var wrong = await http.SendAsync(wrongKey);
        using var rightKey = new HttpRequestMessage(HttpMethod.Get, api) { Headers = { { "x-api-key", app.DashboardApiKey } } };
        using var right = await http.SendAsync(rightKey);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }
}
