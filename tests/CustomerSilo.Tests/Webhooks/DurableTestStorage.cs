using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace CustomerSilo.Tests.Webhooks;

/// <summary>
/// Grain state kept as serialized bytes outside any cluster, so it outlives a cluster that is shut down and started
/// again, as rows in a database do. It checks ETags as a real store does, and can be told to fail the writes of one
/// state name ("the webhooks table is unavailable").
/// </summary>
public sealed class DurableTestStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), (byte[] Bytes, string ETag)> _rows = new();
    private long _etags;

    /// <summary>Writes of this state name fail while it is set.</summary>
    public volatile string? FailWritesOf;

    public IGrainStorage For(Serializer serializer) => new Provider(this, serializer);

    private sealed class Provider(DurableTestStorage store, Serializer serializer) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (store._rows.TryGetValue((stateName, grainId), out var row))
            {
                grainState.State = serializer.Deserialize<T>(row.Bytes);
                grainState.ETag = row.ETag;
                grainState.RecordExists = true;
            }
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (store.FailWritesOf == stateName)
                throw new IOException($"The test store refuses writes of '{stateName}'.");
            CheckETag(stateName, grainId, grainState.ETag);
            var etag = Interlocked.Increment(ref store._etags).ToString();
            store._rows[(stateName, grainId)] = (serializer.SerializeToArray(grainState.State), etag);
            grainState.ETag = etag;
            grainState.RecordExists = true;
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            CheckETag(stateName, grainId, grainState.ETag);
            store._rows.TryRemove((stateName, grainId), out _);
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }

        private void CheckETag(string stateName, GrainId grainId, string? etag)
        {
            var stored = store._rows.TryGetValue((stateName, grainId), out var row) ? row.ETag : null;
            if (stored != etag)
                throw new InconsistentStateException($"ETag mismatch for {stateName} of {grainId}", stored, etag);
        }
    }
}
