using System.Security.Cryptography;
using System.Text;

namespace GraphQL.Engine.Execution;

/// <summary>The document id format of the persisted-documents proposal: <c>sha256:&lt;lowercase hex&gt;</c> of the UTF-8 text.</summary>
public static class DocumentHash
{
    public const string Prefix = "sha256:";

    public static string Of(string document) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
}
