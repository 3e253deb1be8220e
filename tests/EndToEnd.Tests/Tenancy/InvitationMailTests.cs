using Crm.Tests.Shared;

namespace EndToEnd.Tests.Tenancy;

/// <summary>A system whose AppHost is given an SMTP server (a real one, in the test) in its Mail__Smtp__* settings.</summary>
public sealed class SmtpSystem : SystemFixture
{
    public SmtpReceiver Smtp { get; private set; } = null!;

    protected override Dictionary<string, string> Environment => new(base.Environment)
    {
        ["Mail__Smtp__Host"] = "127.0.0.1",
        ["Mail__Smtp__Port"] = Smtp.Port.ToString(),
        ["Mail__Smtp__Security"] = "None",
        ["Mail__From"] = "Crm.Saas <crm@saas.example>",
    };

    public override async Task InitializeAsync()
    {
        Smtp = await SmtpReceiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Invitations mailed through the SMTP server an operator gives the AppHost.</summary>
[Collection(SystemCollection.Name)]
public sealed class InvitationMailTests(SmtpSystem system) : IClassFixture<SmtpSystem>
{
    private const string Invite = "mutation($email: String!) { inviteUser(input: {email: $email, role: MARKETING}) { token emailSent invitation { id } errors { message } } }";

    [Fact]
    public async Task An_invitation_goes_through_the_smtp_server_from_the_configured_sender_with_its_link()
    {
        var tenant = await system.Client.SignUpAsync("Smtp Works");

        var (_, invited) = await system.Client.GraphQLAsync(tenant.ApiKey, Invite, new { email = "mo@smtp.example" });

        Assert.True((bool?)invited["data"]!["inviteUser"]!["emailSent"], invited.ToJsonString());
        var mail = await system.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == "mo@smtp.example"), TimeSpan.FromSeconds(10));
        Assert.Equal("crm@saas.example", mail.From.Mailboxes.Single().Address);
        var token = (string)invited["data"]!["inviteUser"]!["token"]!;
        Assert.Contains($"{system.Host.Gateway.ToString().TrimEnd('/')}/invitations/accept#token={Uri.EscapeDataString(token)}", mail.TextBody);
    }

    [Fact]
    public async Task A_refused_mail_leaves_the_invitation_standing_and_the_answer_says_it_was_not_sent()
    {
        var tenant = await system.Client.SignUpAsync("Smtp Refuses");
        system.Smtp.RefuseAll = true;
        try
        {
            var (_, invited) = await system.Client.GraphQLAsync(tenant.ApiKey, Invite, new { email = "lost@smtp.example" });
            var (_, listed) = await system.Client.GraphQLAsync(tenant.ApiKey, "{ invitations { id email } }");

            Assert.False((bool?)invited["data"]!["inviteUser"]!["emailSent"], invited.ToJsonString());
            Assert.NotNull((string?)invited["data"]!["inviteUser"]!["token"]);
            Assert.Equal("lost@smtp.example", (string?)Assert.Single(listed["data"]!["invitations"]!.AsArray())!["email"]);
        }
        finally
        {
            system.Smtp.RefuseAll = false;
        }
    }
}
