namespace Crm.CustomerSilo.Customers;

/// <summary>What a customer actor keeps durable. New fields get defaults, so older rows still read.</summary>
public sealed class CustomerState
{
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
