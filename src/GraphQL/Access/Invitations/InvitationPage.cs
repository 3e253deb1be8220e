namespace Crm.GraphQL.Access.Invitations;

/// <summary>
/// The page an invitation mail links to: the invited person chooses a name and a password, and the page sends them
/// with the token from the link's fragment to <c>POST /api/invitations/accept</c>. It is static: it knows no tenant
/// and executes nothing itself, so it is served without credentials.
/// </summary>
public static class InvitationPage
{
    public const string Path = "/invitations/accept";

    private static readonly Lazy<byte[]> Html = new(() => System.Text.Encoding.UTF8.GetBytes(EmbeddedText.Load("Access/Invitations/accept-invitation.html")));

    public static IEndpointRouteBuilder MapInvitationPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext http) =>
        {
            // The page reads the token from its own address: it must never be cached, framed or leak in a Referer.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            http.Response.Headers.ContentSecurityPolicy =
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'";
            return Results.Bytes(Html.Value, "text/html; charset=utf-8");
        });
        return app;
    }
}
