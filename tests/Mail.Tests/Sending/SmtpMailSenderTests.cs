using Crm.Mail.Sending;
using Crm.Tests.Shared;
using MailKit.Security;
using MimeKit;

namespace Mail.Tests.Sending;

public sealed class SmtpMailSenderTests : IAsyncLifetime
{
    private static readonly MailboxAddress From = new("Crm.Saas", "crm@example.test");
    private SmtpReceiver _server = null!;

    public async Task InitializeAsync() => _server = await SmtpReceiver.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_message_reaches_the_server_from_the_configured_sender()
    {
        await Sender(_server.Port).SendAsync(Message("ana@example.test", "Welcome"), CancellationToken.None);

        var received = Assert.Single(_server.Received);
        Assert.Equal("crm@example.test", received.From.Mailboxes.Single().Address);
        Assert.Equal("ana@example.test", received.To.Mailboxes.Single().Address);
        Assert.Equal("Welcome", received.Subject);
        Assert.Contains("Hello Ana", received.TextBody);
    }

    [Fact]
    public async Task A_server_that_says_try_again_later_gets_the_message_on_a_retry()
    {
        _server.TransientFailures = SmtpMailSender.Retries;

        await Sender(_server.Port).SendAsync(Message("ana@example.test", "Greylisted"), CancellationToken.None);

        Assert.Equal(SmtpMailSender.Retries + 1, _server.Attempts);
        Assert.Equal("Greylisted", Assert.Single(_server.Received).Subject);
    }

    [Fact]
    public async Task A_permanent_refusal_is_not_retried_and_says_which_server_refused()
    {
        _server.RefuseAll = true;

        var error = await Assert.ThrowsAsync<MailNotSentException>(() =>
            Sender(_server.Port).SendAsync(Message("nobody@example.test", "Refused"), CancellationToken.None));

        Assert.Equal(1, _server.Attempts);
        Assert.Contains($"127.0.0.1:{_server.Port}", error.Message);
        Assert.Contains("nobody@example.test", error.Message);
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task No_server_at_the_address_is_a_clear_error_after_the_retries()
    {
        var closedPort = _server.Port;
        await _server.DisposeAsync();
        _server = await SmtpReceiver.StartAsync();

        var error = await Assert.ThrowsAsync<MailNotSentException>(() =>
            Sender(closedPort).SendAsync(Message("ana@example.test", "Lost"), CancellationToken.None));

        Assert.Contains($"127.0.0.1:{closedPort}", error.Message);
    }

    private static SmtpMailSender Sender(int port) =>
        new(new SmtpServerOptions("127.0.0.1", port, SecureSocketOptions.None, null, null, TimeSpan.FromSeconds(5)), From);

    private static MimeMessage Message(string to, string subject) => new(
        from: Array.Empty<InternetAddress>(),
        to: [MailboxAddress.Parse(to)],
        subject,
        new TextPart("plain") { Text = "Hello Ana," });
}
