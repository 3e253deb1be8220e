using System.Text;
using Actors.Invocation;
using Actors.Persistence;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Actors.AzureBlob;

/// <summary>
/// Actor state as one block blob per record, named "{actor key}/{kind}/{state name}" so the key (and its owner prefix) leads every
/// name. The blob's own ETag is the record's ETag: creates use If-None-Match: *, updates and deletes If-Match,
/// and the service refuses a stale one (412) — nothing is merged or overwritten.
/// Uploads stage one block and commit it: BlobClient.UploadAsync needs System.IO.Hashing, which cannot be restored here.
/// </summary>
public sealed class AzureBlobStateStore(BlobContainerClient container) : IStateStore
{
    private static readonly string BlockId = Convert.ToBase64String(Encoding.ASCII.GetBytes("state-block-0000"));
    private readonly Lazy<Task> _created = new(() => container.CreateIfNotExistsAsync());

    public async Task<StoredState> ReadAsync(ActorId actor, string stateName, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        try
        {
            var content = await Blob(actor, stateName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return new StoredState(content.Value.Content.ToMemory(), content.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return StoredState.Missing;
        }
    }

    public async Task<string> WriteAsync(ActorId actor, string stateName, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        var blob = container.GetBlockBlobClient(Name(actor, stateName));
        try
        {
            using (var stream = new MemoryStream(data.ToArray(), writable: false))
                await blob.StageBlockAsync(BlockId, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            var committed = await blob.CommitBlockListAsync([BlockId], new CommitBlockListOptions { Conditions = Conditions(expectedETag) }, cancellationToken)
                .ConfigureAwait(false);
            return committed.Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status is 412 or 409)
        {
            throw Conflict(actor, stateName, expectedETag, e);
        }
    }

    public async Task ClearAsync(ActorId actor, string stateName, string? expectedETag, CancellationToken cancellationToken)
    {
        if (expectedETag is null)
            return; // no record was read, so there is nothing this activation may delete
        await _created.Value.ConfigureAwait(false);
        try
        {
            await Blob(actor, stateName).DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, Conditions(expectedETag), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            throw Conflict(actor, stateName, expectedETag, e);
        }
    }

    private static BlobRequestConditions Conditions(string? expectedETag) => expectedETag is null
        ? new BlobRequestConditions { IfNoneMatch = ETag.All }
        : new BlobRequestConditions { IfMatch = new ETag(expectedETag) };

    private static StateConflictException Conflict(ActorId actor, string stateName, string? expected, RequestFailedException e) => new(
        $"The write of state '{stateName}' of actor {actor} was refused by Azure Blob Storage ({e.Status} {e.ErrorCode}): it expected " +
        $"{(expected is null ? "no record" : "ETag " + expected)}. Another activation changed it since this one read it; retry the call.");

    private BlobClient Blob(ActorId actor, string stateName) => container.GetBlobClient(Name(actor, stateName));

    private static string Name(ActorId actor, string stateName) => $"{actor.Key}/{actor.Kind}/{stateName}";
}
