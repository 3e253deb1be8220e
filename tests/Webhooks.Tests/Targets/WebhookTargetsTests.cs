using System.Net;
using Crm.Webhooks.Targets;

namespace Webhooks.Tests.Targets;

public sealed class WebhookTargetsTests
{
    [Theory]
    [InlineData("https://hooks.example.com/crm")]
    [InlineData("http://203.0.113.7:8080/in")]
    public void Public_http_and_https_urls_are_accepted(string url)
    {
        var (uri, error) = WebhookTargets.Check(url, allowPrivateTargets: false);
        Assert.Null(error);
        Assert.Equal(new Uri(url), uri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hooks.example.com/crm")]
    [InlineData("ftp://hooks.example.com/crm")]
    [InlineData("https://user:pw@hooks.example.com/crm")]
    public void Anything_but_an_absolute_http_url_without_credentials_is_refused(string url)
    {
        var (uri, error) = WebhookTargets.Check(url, allowPrivateTargets: true);
        Assert.Null(uri);
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.20.0.1/hook")]
    [InlineData("http://192.168.1.10/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://metadata.google.internal/hook")]
    public void Loopback_and_private_targets_are_refused_unless_allowed(string url)
    {
        var (refused, error) = WebhookTargets.Check(url, allowPrivateTargets: false);
        Assert.Null(refused);
        Assert.Contains("private", error);
        Assert.NotNull(WebhookTargets.Check(url, allowPrivateTargets: true).Url);
    }

    [Theory]
    [InlineData("8.8.8.8", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("100.64.0.1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("0.0.0.0", true)]
    public void Addresses_are_classified_as_private_or_public(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, WebhookTargets.IsPrivate(IPAddress.Parse(address)));
}
