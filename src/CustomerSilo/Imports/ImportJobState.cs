using Crm.Contracts.Imports;

namespace Crm.CustomerSilo.Imports;

/// <summary>What an import keeps durable: how far it got and what went wrong on the way.</summary>
[GenerateSerializer, Alias("crm.ImportJobState")]
public sealed class ImportJobState
{
    [Id(0)] public long RowsDone { get; set; }
    [Id(1)] public long Created { get; set; }
    [Id(2)] public long Updated { get; set; }
    [Id(3)] public long Failed { get; set; }
    [Id(4)] public List<ImportRowError> Errors { get; set; } = [];
    [Id(5)] public long ErrorsNotStored { get; set; }
    [Id(6)] public bool Completed { get; set; }
    [Id(7)] public DateTimeOffset? StartedAt { get; set; }
    [Id(8)] public DateTimeOffset? UpdatedAt { get; set; }
}
