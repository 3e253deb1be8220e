using Crm.Contracts.Tenants.Erasure;
using Orleans.Concurrency;

namespace Crm.Contracts.Segments;

/// <summary>A tenant's rule-based segments, keyed by tenant id. Members are whoever matches the rule at the time asked.</summary>
[Alias("crm.segments")]
public interface ISegmentsGrain : IErasableGrain
{
    /// <summary>Adds the segment; a name the tenant already uses fails with <see cref="InvalidSegmentException"/>.</summary>
    [Alias("create")]
    Task<Segment> CreateAsync(NewSegment segment);

    [Alias("list"), ReadOnly]
    Task<IReadOnlyList<Segment>> ListAsync();

    /// <summary>False when the tenant has no such segment.</summary>
    [Alias("delete")]
    Task<bool> DeleteAsync(string segmentId);
}

/// <param name="Rule">The rule as the read model's filter, in JSON: the services that query members read it back.</param>
[GenerateSerializer, Immutable, Alias("crm.NewSegment")]
public sealed record NewSegment(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] string Rule);

[GenerateSerializer, Immutable, Alias("crm.Segment")]
public sealed record Segment(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] string Rule,
    [property: Id(4)] DateTimeOffset CreatedAt);

/// <summary>The segment broke a rule; <see cref="Field"/> names the input field.</summary>
[GenerateSerializer, Alias("crm.InvalidSegmentException")]
public sealed class InvalidSegmentException(string field, string message) : Exception(message)
{
    [Id(0)] public string Field { get; } = field;
}
