using System.Security.Cryptography;

namespace Crm.AppHost.Secrets;

/// <summary>
/// The token operators send to the gateway's operator API (/ops). Created once per data folder and kept owner-only,
/// like the gateway secret; the gateway alone gets it, as <c>Crm__OperatorToken</c>.
/// </summary>
public static class OperatorTokenStore
{
    public const string FileName = "operator.token";
    public const string ParameterName = "operator-token";

    public static IResourceBuilder<ParameterResource> AddParameter(IDistributedApplicationBuilder builder, string dataDirectory)
    {
        builder.Configuration[$"Parameters:{ParameterName}"] =
            SecretFile.ReadOrCreate(Path.Combine(dataDirectory, FileName), () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        return builder.AddParameter(ParameterName, secret: true);
    }
}
