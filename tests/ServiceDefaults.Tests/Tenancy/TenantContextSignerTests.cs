using Crm.ServiceDefaults.Tenancy;

namespace ServiceDefaults.Tests.Tenancy;

public sealed class TenantContextSignerTests
{
    private static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_signature_verifies_for_the_tenant_it_was_made_for()
    {
        var signer = new TenantContextSigner(Secret, _time);
        var (timestamp, signature) = signer.Sign("tenant-a");

        Assert.True(signer.Verify("tenant-a", timestamp, signature));
        Assert.False(signer.Verify("tenant-b", timestamp, signature));
    }

    [Fact]
    public void Another_secret_or_a_changed_timestamp_does_not_verify()
    {
        var (timestamp, signature) = new TenantContextSigner(Secret, _time).Sign("tenant-a");
        var other = new TenantContextSigner(Enumerable.Repeat((byte)7, 32).ToArray(), _time);

        Assert.False(other.Verify("tenant-a", timestamp, signature));
        Assert.False(new TenantContextSigner(Secret, _time).Verify("tenant-a", (long.Parse(timestamp) + 1).ToString(), signature));
        Assert.False(new TenantContextSigner(Secret, _time).Verify("tenant-a", "not-a-number", signature));
    }

    [Fact]
    public void A_signature_expires_after_the_maximum_age()
    {
        var signer = new TenantContextSigner(Secret, _time);
        var (timestamp, signature) = signer.Sign("tenant-a");

        _time.Now += TenantContextSigner.MaxAge - TimeSpan.FromSeconds(1);
        Assert.True(signer.Verify("tenant-a", timestamp, signature));
        _time.Now += TimeSpan.FromSeconds(2);
        Assert.False(signer.Verify("tenant-a", timestamp, signature));
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
