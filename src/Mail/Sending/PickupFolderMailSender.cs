using MimeKit;

namespace Crm.Mail.Sending;

/// <summary>
/// Writes each message as an .eml file into a folder, for a machine with no mail server (the local default): any
/// mail program opens the file, and a test reads it. A file appears whole or not at all: it is written under a
/// temporary name and then renamed.
/// </summary>
public sealed class PickupFolderMailSender(string folder, MailboxAddress from, TimeProvider clock) : IMailSender
{
    public const string Extension = ".eml";

    public string Folder { get; } = folder;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (message.From.Count == 0)
            message.From.Add(from);
        // Names sort in the order the messages were written.
        var name = $"{clock.GetUtcNow():yyyyMMddTHHmmssfffZ}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(Folder, name + ".tmp");
        try
        {
            Directory.CreateDirectory(Folder);
            await message.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, Path.Combine(Folder, name + Extension));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new MailNotSentException($"The message to {message.To} could not be written to the mail folder {Folder}: {e.Message}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing was written, or the folder is gone: there is nothing to tidy up.
        }
    }
}
