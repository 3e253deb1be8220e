namespace Actors.Invocation;

/// <summary>
/// Identifies one virtual actor: its kind (the interface's full name) and its key. The key comes first in
/// every stored row, so a tenant-scoped key ("tenant/id") leads every row and index with the tenant.
/// </summary>
public readonly record struct ActorId(string Kind, string Key)
{
    public override string ToString() => $"{Kind}/{Key}";
}
