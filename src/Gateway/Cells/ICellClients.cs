namespace Crm.Gateway.Cells;

/// <summary>The grain factory of each cell's Orleans cluster: a tenant's grains are called in the cell that holds its data.</summary>
public interface ICellClients
{
    IGrainFactory ForCell(string cell);

    /// <summary>The factory of the cell the tenant directory places <paramref name="tenantId"/> in now.</summary>
    IGrainFactory ForTenant(string tenantId);
}
