namespace Crm.AppHost.Resources;

/// <summary>The one HTTP endpoint a resource listens on.</summary>
public sealed record HttpEndpoint(string Host, int Port)
{
    public static HttpEndpoint Loopback(int port) => new("127.0.0.1", port);

    public Uri Url => new($"http://{Host}:{Port}");

    public override string ToString() => $"http://{Host}:{Port}";
}
