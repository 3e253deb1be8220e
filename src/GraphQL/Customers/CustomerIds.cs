using System.Diagnostics.CodeAnalysis;

namespace Crm.GraphQL.Customers;

/// <summary>Customer ids are 32 lowercase hex digits, made here when a customer is created.</summary>
public static class CustomerIds
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsValid([NotNullWhen(true)] string? id) =>
        id is { Length: 32 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
