using Crm.Mail.Sending;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Mail.Tests.Sending;

public sealed class PickupFolderMailSenderTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("crm-mail-");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 30, 0, TimeSpan.Zero));

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Each_message_is_one_whole_eml_file_in_the_order_written_and_the_folder_is_made_if_missing()
    {
        var folder = Path.Combine(_root.FullName, "mail");
        var sender = new PickupFolderMailSender(folder, new MailboxAddress("Crm.Saas", "crm@example.test"), _clock);

        await sender.SendAsync(Message("First"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await sender.SendAsync(Message("Second"), CancellationToken.None);

        var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray();
        Assert.All(files, f => Assert.EndsWith(PickupFolderMailSender.Extension, f));
        var messages = await Task.WhenAll(files.Select(f => MimeMessage.LoadAsync(f)));
        Assert.Equal(["First", "Second"], messages.Select(m => m.Subject));
        Assert.Equal("crm@example.test", messages[0].From.Mailboxes.Single().Address);
        Assert.Equal("ana@example.test", messages[0].To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task A_folder_that_cannot_be_written_is_a_clear_error()
    {
        var notAFolder = Path.Combine(_root.FullName, "a-file");
        await File.WriteAllTextAsync(notAFolder, "");
        var sender = new PickupFolderMailSender(notAFolder, new MailboxAddress("Crm.Saas", "crm@example.test"), _clock);

        var error = await Assert.ThrowsAsync<MailNotSentException>(() => sender.SendAsync(Message("Lost"), CancellationToken.None));

        Assert.Contains(notAFolder, error.Message);
    }

    private static MimeMessage Message(string subject) => new(
        from: Array.Empty<InternetAddress>(),
        to: [MailboxAddress.Parse("ana@example.test")],
        subject,
        new TextPart("plain") { Text = "Hello" });
}
