namespace Crm.Contracts.Customers;

/// <summary>
/// What a tenant tells us about a customer when creating it. Only the name is required; everything is standardized
/// by the customer grain before it is stored (see CustomerSilo's Standardization folder).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.CustomerDetails")]
public sealed record CustomerDetails(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Email = null,
    [property: Id(2)] string? Phone = null,
    [property: Id(3)] DateOnly? Birthday = null,
    [property: Id(4)] string? Gender = null,
    [property: Id(5)] string? AgeBand = null,
    [property: Id(6)] string? IncomeBand = null,
    [property: Id(7)] PostalAddress? Address = null,
    [property: Id(8)] Channel? SourceChannel = null,
    [property: Id(9)] IReadOnlyList<string>? Tags = null,
    [property: Id(10)] IReadOnlyDictionary<string, string>? CustomFields = null,
    [property: Id(11)] string? OwnerId = null);

/// <summary>
/// A change to some of a customer's details: a null field is left as it is; an empty string clears an optional
/// field. Tags and custom fields, when given, replace the old ones.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.CustomerPatch")]
public sealed record CustomerPatch(
    [property: Id(0)] string? Name = null,
    [property: Id(1)] string? Email = null,
    [property: Id(2)] string? Phone = null,
    [property: Id(3)] DateOnly? Birthday = null,
    [property: Id(4)] string? Gender = null,
    [property: Id(5)] string? AgeBand = null,
    [property: Id(6)] string? IncomeBand = null,
    [property: Id(7)] PostalAddress? Address = null,
    [property: Id(8)] Channel? SourceChannel = null,
    [property: Id(9)] IReadOnlyList<string>? Tags = null,
    [property: Id(10)] IReadOnlyDictionary<string, string>? CustomFields = null,
    [property: Id(11)] string? OwnerId = null);

/// <param name="Country">An ISO 3166-1 alpha-2 code once standardized ("DE").</param>
[GenerateSerializer, Immutable, Alias("crm.PostalAddress")]
public sealed record PostalAddress(
    [property: Id(0)] string? Country = null,
    [property: Id(1)] string? Region = null,
    [property: Id(2)] string? City = null,
    [property: Id(3)] string? Line = null,
    [property: Id(4)] string? PostalCode = null);
