namespace Crm.CustomerReadModel.Duplicates;

public enum DuplicateKind
{
    Email,
    Phone,
}

/// <summary>Customers of one tenant sharing a normalized email or phone (<see cref="Value"/>), in id order.</summary>
public sealed record DuplicateGroup(DuplicateKind Kind, string Value, IReadOnlyList<string> CustomerIds);
