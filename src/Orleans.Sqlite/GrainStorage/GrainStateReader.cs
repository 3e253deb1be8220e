using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Orleans.Sqlite.GrainStorage;

/// <summary>
/// Reads grain state rows on the caller's thread (readers never wait for the writer in WAL mode) through a few
/// connections kept open, each with its statement prepared once. Taking a connection from Microsoft.Data.Sqlite's
/// pool runs the connection pragmas again, and preparing the statement parses it again: together they cost more
/// than the lookup, and an activation storm reads thousands of rows a second.
/// </summary>
internal sealed class GrainStateReader(SqliteDatabase database, string serviceId, string providerName) : IDisposable
{
    // Reads run on Orleans' scheduler and thread-pool threads, so about that many run at once; more are closed after use.
    private static readonly int MaxIdle = Environment.ProcessorCount * 2;

    private readonly ConcurrentQueue<Session> _idle = new();
    private volatile bool _disposed;

    /// <summary>The row's ETag and payload (null for a cleared state), or null if there is no row.</summary>
    public (string ETag, byte[]? Payload)? Read(string grainType, string grainKey, string stateName)
    {
        var session = _idle.TryDequeue(out var idle) ? idle : OpenSession();
        (string, byte[]?)? row;
        try
        {
            row = session.Read(grainType, grainKey, stateName);
        }
        catch
        {
            // A connection that failed may be in any state: the next read opens a fresh one.
            session.Dispose();
            throw;
        }
        if (_idle.Count < MaxIdle && !_disposed)
            _idle.Enqueue(session);
        else
            session.Dispose();
        return row;
    }

    private Session OpenSession()
    {
        var connection = database.Open();
        try
        {
            return new Session(connection, serviceId, providerName);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Closes the idle connections; a read that still comes runs on a connection of its own.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryDequeue(out var session))
            session.Dispose();
    }

    private sealed class Session : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _select;
        private readonly SqliteParameter _type;
        private readonly SqliteParameter _key;
        private readonly SqliteParameter _state;

        public Session(SqliteConnection connection, string serviceId, string providerName)
        {
            _connection = connection;
            _select = connection.Command("""
                SELECT etag, payload FROM orleans_grain_state
                WHERE service_id = @service AND provider_name = @provider AND grain_type = @type AND grain_key = @key AND state_name = @state
                """, null, ("@service", serviceId), ("@provider", providerName));
            _type = _select.Parameters.Add(new SqliteParameter("@type", DBNull.Value));
            _key = _select.Parameters.Add(new SqliteParameter("@key", DBNull.Value));
            _state = _select.Parameters.Add(new SqliteParameter("@state", DBNull.Value));
            _select.Prepare();
        }

        public (string ETag, byte[]? Payload)? Read(string grainType, string grainKey, string stateName)
        {
            _type.Value = grainType;
            _key.Value = grainKey;
            _state.Value = stateName;
            using var reader = _select.ExecuteReader();
            if (!reader.Read())
                return null;
            return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1));
        }

        public void Dispose()
        {
            _select.Dispose();
            _connection.Dispose();
        }
    }
}
