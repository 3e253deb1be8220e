namespace Crm.CustomerSilo.Customers;

/// <summary>What a customer grain keeps durable. Fields are numbered, so a later version can add some and still read older rows.</summary>
[GenerateSerializer, Alias("crm.CustomerState")]
public sealed class CustomerState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public string Email { get; set; } = "";
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
}
