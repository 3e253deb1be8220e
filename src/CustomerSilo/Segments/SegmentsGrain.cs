using Crm.Contracts.Segments;
using Crm.CustomerSilo.Standardization;
using Crm.CustomerSilo.Tenants.Archive;
using Crm.CustomerSilo.Tenants.Erasure;

namespace Crm.CustomerSilo.Segments;

/// <summary>A tenant's segment definitions. Keyed by tenant id.</summary>
public sealed class SegmentsGrain(
    [PersistentState("segments")] IPersistentState<SegmentsState> segments,
    TimeProvider time) : Grain, ISegmentsGrain, IArchivedSegments
{
    /// <summary>Enough for any marketing team; a bound keeps the grain's state small.</summary>
    public const int MaxSegments = 500;

    public async Task<Segment> CreateAsync(NewSegment segment)
    {
        var name = CustomerStandardizer.Collapse(segment.Name ?? "");
        if (name.Length is 0 or > 100)
            throw new InvalidSegmentException("name", "A segment needs a name of 1 to 100 characters.");
        if (segments.State.Segments.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            throw new InvalidSegmentException("name", $"The tenant already has a segment named '{name}'.");
        if (segments.State.Segments.Count >= MaxSegments)
            throw new InvalidSegmentException("name", $"A tenant may keep at most {MaxSegments} segments; delete one first.");
        var created = new Segment($"s{++segments.State.LastNumber}", name, string.IsNullOrWhiteSpace(segment.Description) ? null : segment.Description.Trim(),
            segment.Rule, time.GetUtcNow());
        segments.State.Segments.Add(created);
        await segments.WriteStateAsync();
        return created;
    }

    public Task<IReadOnlyList<Segment>> ListAsync() => Task.FromResult<IReadOnlyList<Segment>>([.. segments.State.Segments]);

    public async Task<bool> DeleteAsync(string segmentId)
    {
        if (segments.State.Segments.RemoveAll(s => s.Id == segmentId) == 0)
            return false;
        await segments.WriteStateAsync();
        return true;
    }

    public Task<SegmentsState?> ExportStateAsync() => segments.ExportAsync();

    public Task RestoreStateAsync(SegmentsState state) => segments.RestoreAsync(state);

    public Task EraseStateAsync() => EraseAsync();

    public Task<int> EraseAsync() => this.EraseAsync(segments, segments.State.Segments.Count);
}

[GenerateSerializer, Alias("crm.SegmentsState")]
public sealed class SegmentsState
{
    [Id(0)] public List<Segment> Segments { get; set; } = [];
    [Id(1)] public int LastNumber { get; set; }
}
