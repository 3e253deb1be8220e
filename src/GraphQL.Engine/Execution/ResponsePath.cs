namespace GraphQL.Engine.Execution;

/// <summary>
/// The path of a field in the response, as an immutable linked list so that each child costs one small allocation.
/// </summary>
public sealed class ResponsePath
{
    private ResponsePath(ResponsePath? parent, object key, int depth)
    {
        Parent = parent;
        Key = key;
        Depth = depth;
    }

    public ResponsePath? Parent { get; }

    /// <summary>A response key (string) or a list index (int).</summary>
    public object Key { get; }

    public int Depth { get; }

    public static ResponsePath Root(string key) => new(null, key, 1);

    public ResponsePath Field(string key) => new(this, key, Depth + 1);

    public ResponsePath Index(int index) => new(this, index, Depth + 1);

    public IReadOnlyList<object> ToList()
    {
        var keys = new object[Depth];
        var node = this;
        for (var i = Depth - 1; i >= 0; i--, node = node.Parent!)
            keys[i] = node.Key;
        return keys;
    }

    public override string ToString() => string.Join('.', ToList());
}
