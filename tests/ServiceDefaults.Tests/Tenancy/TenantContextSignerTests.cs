using Crm.ServiceDefaults.Tenancy;

namespace ServiceDefaults.Tests.Tenancy;

public sealed class TenantContextSignerTests
{
    private static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly TenantClaims Claims = new("tenant-a", "key:k1", ["read"], "free", "127.0.0.1");
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_signature_verifies_for_exactly_the_claims_it_was_made_for()
    {
        var signer = new TenantContextSigner(Secret, _time);

        Assert.True(signer.Verify(Claims, signer.Sign(Claims)));
        Assert.False(signer.Verify(Claims with { TenantId = "tenant-b" }, signer.Sign(Claims)));
        Assert.False(signer.Verify(Claims with { Actor = "user:admin" }, signer.Sign(Claims)));
        Assert.False(signer.Verify(Claims with { Permissions = ["read", "admin"] }, signer.Sign(Claims)));
        Assert.False(signer.Verify(Claims with { Plan = "enterprise" }, signer.Sign(Claims)));
    }

    [Fact]
    public void Another_secret_or_a_changed_timestamp_or_nonce_does_not_verify()
    {
        var stamp = new TenantContextSigner(Secret, _time).Sign(Claims);
        var other = new TenantContextSigner(Enumerable.Repeat((byte)7, 32).ToArray(), _time);

        Assert.False(other.Verify(Claims, stamp));
        Assert.False(new TenantContextSigner(Secret, _time).Verify(Claims, stamp with { Timestamp = (long.Parse(stamp.Timestamp) + 1).ToString() }));
        Assert.False(new TenantContextSigner(Secret, _time).Verify(Claims, stamp with { Timestamp = "not-a-number" }));
        Assert.False(new TenantContextSigner(Secret, _time).Verify(Claims, stamp with { Nonce = new string('0', 32) }));
    }

    [Fact]
    public void A_replayed_header_set_is_accepted_once_only()
    {
        var signer = new TenantContextSigner(Secret, _time);
        var stamp = signer.Sign(Claims);

        Assert.True(signer.Verify(Claims, stamp));
        Assert.False(signer.Verify(Claims, stamp));
    }

    [Fact]
    public void A_signature_expires_after_the_maximum_age()
    {
        var signer = new TenantContextSigner(Secret, _time);
        var fresh = signer.Sign(Claims);
        var old = signer.Sign(Claims);

        _time.Now += TenantContextSigner.MaxAge - TimeSpan.FromSeconds(1);
        Assert.True(signer.Verify(Claims, fresh));
        _time.Now += TimeSpan.FromSeconds(2);
        Assert.False(signer.Verify(Claims, old));
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("", "is not set")]
    [InlineData("%%%", "not valid base64")]
    [InlineData("AAAA", "at least 32 bytes")]
    public void A_missing_or_weak_secret_is_refused_with_what_to_do(string? value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TenantContextSigner.ParseSecret(value));
        Assert.Contains(expected, error.Message);
    }
}
