namespace GraphQL.Engine.Relay;

/// <summary>A page of a Relay cursor connection; field names match the conventional SDL (edges, node, cursor, pageInfo).</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, int? TotalCount)
{
    public IReadOnlyList<T> Nodes => [.. Edges.Select(e => e.Node)];
}

public sealed record Edge<T>(T Node, string Cursor);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

public static class Connection
{
    /// <summary>
    /// Slices an in-memory list as the Relay specification's connection algorithm does (after/before narrow the
    /// range, then first/last take from its ends), with offset cursors.
    /// </summary>
    public static Connection<T> FromList<T>(IReadOnlyList<T> items, ConnectionArguments arguments)
    {
        var start = arguments.After is { } after ? Math.Max(ConnectionArguments.ParseOffsetCursor(after) + 1, 0) : 0;
        var end = arguments.Before is { } before ? Math.Min(ConnectionArguments.ParseOffsetCursor(before), items.Count) : items.Count;
        start = Math.Min(start, items.Count);
        end = Math.Max(end, start);
        var (sliceStart, sliceEnd) = (start, end);
        if (arguments.First is { } first)
            sliceEnd = Math.Min(sliceEnd, sliceStart + first);
        if (arguments.Last is { } last)
            sliceStart = Math.Max(sliceStart, sliceEnd - last);
        var edges = new List<Edge<T>>(sliceEnd - sliceStart);
        for (var i = sliceStart; i < sliceEnd; i++)
            edges.Add(new Edge<T>(items[i], ConnectionArguments.OffsetCursor(i)));
        var pageInfo = new PageInfo(
            HasNextPage: sliceEnd < end || (arguments.Before is not null && end < items.Count),
            HasPreviousPage: sliceStart > start || (arguments.After is not null && start > 0),
            StartCursor: edges.Count > 0 ? edges[0].Cursor : null,
            EndCursor: edges.Count > 0 ? edges[^1].Cursor : null);
        return new Connection<T>(edges, pageInfo, items.Count);
    }
}
