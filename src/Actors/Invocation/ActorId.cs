namespace Actors.Invocation;

/// <summary>
/// Identifies one virtual actor: its kind (the interface's full name) and its key. The key comes first in
/// every stored row, so a key prefixed with an owner id ("owner/id") leads every row and index with that owner.
/// </summary>
public readonly record struct ActorId(string Kind, string Key)
{
    public override string ToString() => $"{Kind}/{Key}";
}
