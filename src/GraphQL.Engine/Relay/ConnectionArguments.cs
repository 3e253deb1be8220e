using System.Buffers.Text;
using System.Globalization;
using System.Text;
using GraphQL.Engine.Execution;

namespace GraphQL.Engine.Relay;

/// <summary>
/// The <c>first</c>/<c>after</c>/<c>last</c>/<c>before</c> arguments of a cursor connection, checked against the
/// maximum page size. Offset cursors are opaque to clients (base64url of <c>offset:N</c>).
/// </summary>
public sealed record ConnectionArguments(int? First, string? After, int? Last, string? Before)
{
    public const int MaxPageSize = 100;

    /// <exception cref="GraphQLException">A size is negative or above <see cref="MaxPageSize"/>, or a cursor is not one of ours.</exception>
    public static ConnectionArguments From(IResolverContext context, int maxPageSize = MaxPageSize)
    {
        var arguments = new ConnectionArguments(
            context.HasArgument("first") ? context.Argument<int?>("first") : null,
            context.HasArgument("after") ? context.Argument<string>("after") : null,
            context.HasArgument("last") ? context.Argument<int?>("last") : null,
            context.HasArgument("before") ? context.Argument<string>("before") : null);
        arguments.Check("first", arguments.First, maxPageSize);
        arguments.Check("last", arguments.Last, maxPageSize);
        if (arguments.First is null && arguments.Last is null)
            return arguments with { First = Math.Min(maxPageSize, MaxPageSize) };
        return arguments;
    }

    private void Check(string name, int? value, int maxPageSize)
    {
        if (value is < 0 || value > maxPageSize)
            throw new GraphQLException($"\"{name}\" must be between 0 and {maxPageSize}; got {value}. Page through larger sets with \"after\"/\"before\".", "BAD_USER_INPUT");
    }

    public static string OffsetCursor(int offset) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("offset:" + offset.ToString(CultureInfo.InvariantCulture)));

    /// <exception cref="GraphQLException">The cursor was not issued by an offset connection.</exception>
    public static int ParseOffsetCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return offset;
        }
        catch (FormatException)
        {
            // Reported below.
        }

        throw new GraphQLException($"\"{cursor}\" is not a valid cursor: use a cursor returned by this connection.", "BAD_USER_INPUT");
    }
}
