using MimeKit;

namespace Crm.Mail.Sending;

/// <summary>Hands a message over for delivery. Returning means it was accepted (by the SMTP server, or written whole).</summary>
public interface IMailSender
{
    /// <summary>Sends <paramref name="message"/>; a message without a From gets the configured sender.</summary>
    /// <exception cref="MailNotSentException">The message was not handed over; the message says why.</exception>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>A message could not be handed over: the server refused it, could not be reached, or the folder could not be written.</summary>
public sealed class MailNotSentException(string message, Exception? inner = null) : Exception(message, inner);
