using Crm.Mail.Sending;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;

namespace Crm.Mail.Hosting;

public static class MailRegistration
{
    public const string Section = "Mail";
    public const string DefaultFrom = "Crm.Saas <no-reply@localhost>";
    public const int DefaultSmtpPort = 587;
    public static readonly TimeSpan DefaultSmtpTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Registers <see cref="IMailSender"/> from the <c>Mail</c> section: with <c>Mail:Smtp:Host</c> set, an SMTP server
    /// (<c>Port</c>, default 587; <c>Security</c>: Auto, None, StartTls or SslOnConnect; <c>UserName</c> and
    /// <c>Password</c> if it asks for a sign-in; <c>TimeoutSeconds</c>, default 10); otherwise a folder that receives
    /// each message as an .eml file, <c>Mail:PickupFolder</c> or else <paramref name="defaultPickupFolder"/>.
    /// <c>Mail:From</c> is the sender (default <see cref="DefaultFrom"/>). A wrong or missing setting throws here, at
    /// start, naming the setting to fix.
    /// </summary>
    public static IServiceCollection AddOutgoingMail(this IServiceCollection services, IConfiguration configuration, string? defaultPickupFolder)
    {
        var section = configuration.GetSection(Section);
        var from = Address(section["From"] ?? DefaultFrom);
        var smtp = section.GetSection("Smtp");
        if (!string.IsNullOrWhiteSpace(smtp["Host"]))
        {
            var server = new SmtpServerOptions(
                smtp["Host"]!.Trim(),
                Number(smtp, "Port", DefaultSmtpPort, max: 65_535),
                Security(smtp["Security"]),
                NullIfEmpty(smtp["UserName"]),
                smtp["Password"],
                TimeSpan.FromSeconds(Number(smtp, "TimeoutSeconds", (int)DefaultSmtpTimeout.TotalSeconds, max: 600)));
            services.AddSingleton<IMailSender>(new SmtpMailSender(server, from));
            return services;
        }
        var folder = NullIfEmpty(section["PickupFolder"]) ?? defaultPickupFolder ?? throw new InvalidOperationException(
            "No way to send mail is configured: set Mail__Smtp__Host (and Port, UserName, Password) to an SMTP server, " +
            "or Mail__PickupFolder to a folder that receives each message as an .eml file.");
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMailSender>(s => new PickupFolderMailSender(Path.GetFullPath(folder), from, s.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static MailboxAddress Address(string text) =>
        MailboxAddress.TryParse(text, out var address) && address.Address.Contains('@')
            ? address
            : throw new InvalidOperationException($"Mail:From is \"{text}\", which is no mail address: set Mail__From to one such as \"Acme CRM <crm@acme.example>\".");

    private static int Number(IConfigurationSection section, string key, int fallback, int max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        return int.TryParse(text, out var value) && value is > 0 && value <= max
            ? value
            : throw new InvalidOperationException($"{section.Path}:{key} is \"{text}\": set it to a whole number from 1 to {max}.");
    }

    private static SecureSocketOptions Security(string? text) => text?.Trim() switch
    {
        null or "" or "Auto" => SecureSocketOptions.Auto,
        "None" => SecureSocketOptions.None,
        "StartTls" => SecureSocketOptions.StartTls,
        "SslOnConnect" => SecureSocketOptions.SslOnConnect,
        _ => throw new InvalidOperationException($"Mail:Smtp:Security is \"{text}\": set it to Auto, None, StartTls or SslOnConnect."),
    };

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
