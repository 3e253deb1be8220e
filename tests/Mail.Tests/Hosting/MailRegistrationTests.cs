using Crm.Mail.Hosting;
using Crm.Mail.Sending;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mail.Tests.Hosting;

public sealed class MailRegistrationTests
{
    [Fact]
    public void An_smtp_host_chooses_the_smtp_server()
    {
        Assert.IsType<SmtpMailSender>(Sender(new() { ["Mail:Smtp:Host"] = "smtp.example.test", ["Mail:Smtp:Port"] = "2525" }, "/tmp/mail"));
    }

    [Fact]
    public void Without_an_smtp_host_messages_go_to_the_pickup_folder_configured_or_else_the_default()
    {
        var configured = Assert.IsType<PickupFolderMailSender>(Sender(new() { ["Mail:PickupFolder"] = "/tmp/configured" }, "/tmp/default"));
        var fallback = Assert.IsType<PickupFolderMailSender>(Sender([], "/tmp/default"));

        Assert.Equal("/tmp/configured", configured.Folder);
        Assert.Equal("/tmp/default", fallback.Folder);
    }

    [Theory]
    [InlineData("Mail:Smtp:Port", "port 25", "Mail:Smtp:Port")]
    [InlineData("Mail:Smtp:Port", "70000", "Mail:Smtp:Port")]
    [InlineData("Mail:Smtp:Security", "Tls", "Mail:Smtp:Security")]
    [InlineData("Mail:From", "not an address", "Mail__From")]
    public void A_wrong_setting_is_refused_at_start_naming_it(string key, string value, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Sender(new() { ["Mail:Smtp:Host"] = "smtp.example.test", [key] = value }, null));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void No_smtp_host_and_no_folder_is_refused_at_start_saying_what_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Sender([], defaultPickupFolder: null));

        Assert.Contains("Mail__Smtp__Host", error.Message);
        Assert.Contains("Mail__PickupFolder", error.Message);
    }

    private static IMailSender Sender(Dictionary<string, string?> settings, string? defaultPickupFolder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddOutgoingMail(configuration, defaultPickupFolder).BuildServiceProvider().GetRequiredService<IMailSender>();
    }
}
