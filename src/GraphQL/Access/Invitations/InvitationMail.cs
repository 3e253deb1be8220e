using System.Globalization;
using System.Net;
using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.Mail.Sending;
using MimeKit;

namespace Crm.GraphQL.Access.Invitations;

/// <summary>
/// Sends an invitation to the person invited: who invites them, with which role, until when, and the link to the
/// page that accepts it. The token travels in the link's fragment (after <c>#</c>), which browsers send to no server
/// and put in no Referer.
/// </summary>
public sealed class InvitationMail(IMailSender mail, PublicAddress site, ILogger<InvitationMail> log)
{
    /// <summary>Sends the mail; false if it could not be handed over, which is logged: the invitation stands, and the admin can pass its token on.</summary>
    public async Task<bool> TrySendAsync(Invitation invitation, TenantSummary tenant, string token, CancellationToken cancellationToken)
    {
        try
        {
            await mail.SendAsync(Compose(invitation, tenant, token), cancellationToken);
            return true;
        }
        catch (MailNotSentException e)
        {
            log.LogWarning(e, "The invitation {InvitationId} of tenant {TenantId} was not mailed to its invitee.", invitation.Id, tenant.TenantId);
            return false;
        }
    }

    public MimeMessage Compose(Invitation invitation, TenantSummary tenant, string token)
    {
        var link = $"{site.Url}{InvitationPage.Path}#token={Uri.EscapeDataString(token)}";
        var role = invitation.Role.ToString().ToUpperInvariant();
        var until = invitation.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var body = new BodyBuilder
        {
            TextBody = $"""
                Hello,

                {tenant.CompanyName} invites you to its customer workspace on Crm.Saas, with the role {role}.

                To accept, open this link by {until} and choose your name and password:
                {link}

                Your workspace is "{tenant.Slug}"; you will sign in with this address, {invitation.Email}.

                If you did not expect this invitation, ignore this mail: nothing happens unless it is accepted.
                """,
            HtmlBody = $"""
                <p>Hello,</p>
                <p>{Html(tenant.CompanyName)} invites you to its customer workspace on Crm.Saas, with the role {role}.</p>
                <p><a href="{Html(link)}">Accept the invitation</a> by {until} and choose your name and password.</p>
                <p>Your workspace is “{Html(tenant.Slug)}”; you will sign in with this address, {Html(invitation.Email)}.</p>
                <p>If you did not expect this invitation, ignore this mail: nothing happens unless it is accepted.</p>
                """,
        };
        return new MimeMessage(
            from: Array.Empty<InternetAddress>(),
            to: [MailboxAddress.Parse(invitation.Email)],
            $"{tenant.CompanyName} invites you to Crm.Saas",
            body.ToMessageBody());
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
