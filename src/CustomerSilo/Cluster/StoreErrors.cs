using System.Data.Common;
using Azure;
using Crm.Contracts;

namespace Crm.CustomerSilo.Cluster;

/// <summary>
/// Turns the store's own exceptions (a PostgreSQL or SQLite error, an Azure Storage refusal) into
/// <see cref="StoreUnavailableException"/> before they leave the silo: callers have no codec for those types and
/// would see a CodecNotFoundException instead of the reason.
/// </summary>
public sealed class StoreErrors : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (StoreFailure(e) is { } store)
        {
            throw new StoreUnavailableException(
                $"{context.InterfaceName}.{context.MethodName} failed in the store ({store.GetType().Name}: {store.Message}). It was not acknowledged; retry it.");
        }
    }

    // Orleans wraps a provider's error in an OrleansException whose inner exception is the store's.
    private static Exception? StoreFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DbException or RequestFailedException)
                return e;
        }
        return null;
    }
}
