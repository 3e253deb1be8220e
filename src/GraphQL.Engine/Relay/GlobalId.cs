using System.Buffers.Text;
using System.Text;
using GraphQL.Engine.Execution;

namespace GraphQL.Engine.Relay;

/// <summary>
/// Opaque global object ids of the Relay convention: the type name and the type's own id, base64url-encoded,
/// so that <c>node(id:)</c> knows what to fetch and clients treat ids as opaque.
/// </summary>
public static class GlobalId
{
    public static string Encode(string typeName, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentNullException.ThrowIfNull(id);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(typeName + ":" + id));
    }

    /// <exception cref="GraphQLException">The value is not an id this API issued (code BAD_USER_INPUT).</exception>
    public static (string TypeName, string Id) Decode(string globalId)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(globalId));
            var separator = text.IndexOf(':');
            if (separator > 0)
                return (text[..separator], text[(separator + 1)..]);
        }
        catch (FormatException)
        {
            // Reported below with the same message as a well-formed but foreign value.
        }

        throw new GraphQLException($"\"{globalId}\" is not a valid ID: use an id returned by this API.", "BAD_USER_INPUT");
    }

    public static bool TryDecode(string globalId, out string typeName, out string id)
    {
        try
        {
            (typeName, id) = Decode(globalId);
            return true;
        }
        catch (GraphQLException)
        {
            (typeName, id) = (string.Empty, string.Empty);
            return false;
        }
    }
}
