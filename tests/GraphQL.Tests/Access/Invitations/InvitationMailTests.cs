using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.GraphQL.Access.Invitations;
using Crm.Mail.Sending;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace GraphQL.Tests.Access.Invitations;

public sealed class InvitationMailTests : IDisposable
{
    private const string Token = "crmi_t1_secret+/=";
    private static readonly Invitation Invited = new("inv-1", "ana@example.test", TenantRole.Service,
        new DateTimeOffset(2026, 12, 11, 9, 30, 0, TimeSpan.Zero), "user:admin", null);
    private static readonly TenantSummary Tenant = new("t1", "Bits & <Bytes>", "bits-bytes", "boss@example.test", DateTimeOffset.UnixEpoch);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("crm-invitations-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void The_mail_names_the_company_role_expiry_and_workspace_and_links_to_the_page_with_the_token_in_the_fragment()
    {
        var message = Mail(new PickupFolderMailSender(_folder.FullName, MailboxAddress.Parse("crm@example.test"), TimeProvider.System))
            .Compose(Invited, Tenant, Token);

        Assert.Equal("ana@example.test", message.To.Mailboxes.Single().Address);
        Assert.Equal("Bits & <Bytes> invites you to Crm.Saas", message.Subject);
        Assert.Contains($"https://crm.example.test/invitations/accept#token={Uri.EscapeDataString(Token)}", message.TextBody);
        Assert.Contains("SERVICE", message.TextBody);
        Assert.Contains("2026-12-11 09:30 UTC", message.TextBody);
        Assert.Contains("\"bits-bytes\"", message.TextBody);
        // The company's name is the tenant's text: in HTML it is text, never markup.
        Assert.Contains("Bits &amp; &lt;Bytes&gt;", message.HtmlBody);
        Assert.DoesNotContain("<Bytes>", message.HtmlBody);
    }

    [Fact]
    public async Task A_mail_handed_over_is_reported_sent_and_one_that_cannot_be_is_reported_not_sent()
    {
        var sent = await Mail(new PickupFolderMailSender(_folder.FullName, MailboxAddress.Parse("crm@example.test"), TimeProvider.System))
            .TrySendAsync(Invited, Tenant, Token, CancellationToken.None);
        var blocked = Path.Combine(_folder.FullName, "a-file");
        await File.WriteAllTextAsync(blocked, "");
        var notSent = await Mail(new PickupFolderMailSender(blocked, MailboxAddress.Parse("crm@example.test"), TimeProvider.System))
            .TrySendAsync(Invited, Tenant, Token, CancellationToken.None);

        Assert.True(sent);
        Assert.Single(Directory.GetFiles(_folder.FullName, "*" + PickupFolderMailSender.Extension));
        Assert.False(notSent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("crm.example.test")]
    [InlineData("ftp://crm.example.test")]
    public void A_missing_or_wrong_public_url_is_refused_at_start_saying_what_to_set(string? url)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PublicAddress.Key] = url }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => PublicAddress.From(configuration));

        Assert.Contains("Crm__PublicUrl", error.Message);
    }

    [Fact]
    public void The_public_url_loses_a_trailing_slash_so_links_have_one()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PublicAddress.Key] = "https://crm.example.test/" }).Build();

        Assert.Equal("https://crm.example.test", PublicAddress.From(configuration).Url);
    }

    private static InvitationMail Mail(IMailSender sender) =>
        new(sender, new PublicAddress("https://crm.example.test"), NullLogger<InvitationMail>.Instance);
}
