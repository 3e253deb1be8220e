using Actors.Hosting;
using Azure.Storage.Blobs;

namespace Actors.AzureBlob;

public static class AzureBlobSiloExtensions
{
    /// <summary>
    /// Keeps actor state in Azure Blob Storage (or Azurite); membership and reminders stay in Actors:Storage,
    /// because blobs cannot serve the table scans they need.
    /// </summary>
    public static ActorSiloBuilder UseAzureBlobState(this ActorSiloBuilder silo, string connectionString, string container = "actor-state")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return silo.UseStateStore(_ => new AzureBlobStateStore(new BlobContainerClient(connectionString, container)));
    }
}
