namespace Crm.GraphQL.Access.Invitations;

/// <summary>
/// Where people reach the product (the gateway), for links in mail: <c>Crm:PublicUrl</c>, such as
/// <c>https://crm.example.com</c>. The AppHost sets it to its gateway.
/// </summary>
public sealed record PublicAddress(string Url)
{
    public const string Key = "Crm:PublicUrl";

    public static PublicAddress From(IConfiguration configuration) =>
        configuration[Key] is { } text && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? new PublicAddress(url.GetLeftPart(UriPartial.Path).TrimEnd('/'))
            : throw new InvalidOperationException(
                $"{Key} is \"{configuration[Key]}\", which is no http(s) address: set Crm__PublicUrl to the address people reach the gateway at, such as https://crm.example.com.");
}
