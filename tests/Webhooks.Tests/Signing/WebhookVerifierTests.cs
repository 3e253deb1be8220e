using Crm.Webhooks.Signing;
using Microsoft.Extensions.Time.Testing;

namespace Webhooks.Tests.Signing;

public sealed class WebhookVerifierTests
{
    private const string Secret = "whsec_test";
    private const string Body = """{"id":"e1","type":"customer.created"}""";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero));

    private WebhookVerifier Verifier(string secret = Secret) => new(secret, WebhookVerifier.DefaultTolerance, _clock);

    [Fact]
    public void A_signed_body_verifies_with_its_secret()
    {
        var header = WebhookSignature.Header(Secret, _clock.GetUtcNow(), Body);
        Assert.Matches("^t=\\d+,v1=[0-9a-f]{64}$", header);
        Assert.Equal(WebhookVerification.Valid, Verifier().Verify(header, Body));
    }

    [Fact]
    public void Another_secret_a_changed_body_or_a_missing_header_do_not_verify()
    {
        var header = WebhookSignature.Header(Secret, _clock.GetUtcNow(), Body);
        Assert.Equal(WebhookVerification.Mismatch, Verifier("whsec_other").Verify(header, Body));
        Assert.Equal(WebhookVerification.Mismatch, Verifier().Verify(header, Body.Replace("e1", "e2")));
        Assert.Equal(WebhookVerification.Missing, Verifier().Verify(null, Body));
        Assert.Equal(WebhookVerification.Malformed, Verifier().Verify("v1=abc", Body));
    }

    [Fact]
    public void A_replayed_request_older_than_the_tolerance_is_refused()
    {
        var header = WebhookSignature.Header(Secret, _clock.GetUtcNow(), Body);
        _clock.Advance(WebhookVerifier.DefaultTolerance - TimeSpan.FromSeconds(1));
        Assert.Equal(WebhookVerification.Valid, Verifier().Verify(header, Body));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(WebhookVerification.Expired, Verifier().Verify(header, Body));
    }

    [Fact]
    public void The_timestamp_is_signed_so_moving_it_forward_breaks_the_signature()
    {
        var header = WebhookSignature.Header(Secret, _clock.GetUtcNow(), Body);
        var unix = _clock.GetUtcNow().ToUnixTimeSeconds();
        var forged = header.Replace($"t={unix}", $"t={unix + 60}");
        Assert.Equal(WebhookVerification.Mismatch, Verifier().Verify(forged, Body));
    }

    [Fact]
    public void Secrets_are_random_and_recognisable()
    {
        var (a, b) = (WebhookSignature.NewSecret(), WebhookSignature.NewSecret());
        Assert.StartsWith("whsec_", a);
        Assert.Equal(6 + 64, a.Length);
        Assert.NotEqual(a, b);
    }
}
