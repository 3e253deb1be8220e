using Actors.Hosting;
using Crm.Contracts.Customers;
using Crm.Contracts.PersistedDocuments;
using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Customers;
using Crm.CustomerSilo.PersistedDocuments;
using Crm.CustomerSilo.Tenants;

namespace Crm.CustomerSilo;

/// <summary>The actors a customer silo hosts; the silo's tests start the same set on a test cluster.</summary>
public static class CrmActors
{
    public static ActorSiloBuilder AddCrmActors(this ActorSiloBuilder silo) => silo
        .AddActor<ICustomerActor, CustomerActor>()
        .AddActor<ICustomerFeedActor, CustomerFeedActor>()
        .AddActor<ITenantActor, TenantActor>()
        .AddActor<ITenantSlugActor, TenantSlugActor>()
        .AddActor<IPersistedDocumentsActor, PersistedDocumentsActor>();
}
