using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Polly;
using Polly.Retry;

namespace Crm.Mail.Sending;

/// <summary>The SMTP server's address, its transport security and, when it asks for one, the account to sign in with.</summary>
public sealed record SmtpServerOptions(string Host, int Port, SecureSocketOptions Security, string? UserName, string? Password, TimeSpan Timeout);

/// <summary>
/// Sends each message on a connection of its own through MailKit's <see cref="SmtpClient"/>. A failure that may pass
/// (no connection, a dropped one, a 4xx answer such as greylisting) is tried again twice, about 1 s and 2 s later; a
/// permanent refusal (5xx: no such mailbox, relay denied) or a failed sign-in is not, since a retry would fail the same way.
/// </summary>
public sealed class SmtpMailSender(SmtpServerOptions server, MailboxAddress from) : IMailSender
{
    public const int Retries = 2;

    private readonly ResiliencePipeline _retries = new ResiliencePipelineBuilder
    {
        // Network time, whatever clock the host fakes for its business rules.
        TimeProvider = TimeProvider.System,
    }.AddRetry(new RetryStrategyOptions
    {
        MaxRetryAttempts = Retries,
        BackoffType = DelayBackoffType.Exponential,
        Delay = TimeSpan.FromSeconds(1),
        UseJitter = true,
        ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
    }).Build();

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (message.From.Count == 0)
            message.From.Add(from);
        try
        {
            await _retries.ExecuteAsync(async token => await SendOnceAsync(message, token), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new MailNotSentException($"The SMTP server {server.Host}:{server.Port} did not take the message to {message.To}: {e.Message}", e);
        }
    }

    private async Task SendOnceAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)server.Timeout.TotalMilliseconds };
        await client.ConnectAsync(server.Host, server.Port, server.Security, cancellationToken);
        if (server.UserName is { } userName)
            await client.AuthenticateAsync(userName, server.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static bool IsTransient(Exception e) => e switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        AuthenticationException => false,
        SmtpProtocolException or ServiceNotConnectedException or SocketException or IOException or TimeoutException => true,
        _ => false,
    };
}
