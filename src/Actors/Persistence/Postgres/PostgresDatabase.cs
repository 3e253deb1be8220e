using System.Data.Common;
using Actors.Persistence.Relational;
using Npgsql;

namespace Actors.Persistence.Postgres;

/// <summary>The store for clusters spanning machines: PostgreSQL through Npgsql, same tables as SQLite.</summary>
public sealed class PostgresDatabase : RelationalDatabase, IDisposable
{
    private readonly NpgsqlDataSource _source;

    public PostgresDatabase(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Actors:Storage:ConnectionString is not a PostgreSQL connection string ({e.Message}); " +
                "expected e.g. \"Host=127.0.0.1;Port=5432;Username=app;Password=...;Database=app\".", e);
        }
        Description = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder);
    }

    public override string Description { get; }

    protected override DbConnection OpenConnection() => _source.OpenConnection();

    protected override void CreateSchema(DbConnection connection)
    {
        // Two processes may create the schema at once; the advisory lock makes the second wait, not fail.
        using var transaction = BeginWrite(connection);
        Execute(connection, "SELECT pg_advisory_xact_lock(7391002); " + """
            CREATE TABLE IF NOT EXISTS actor_state (
                actor_key text NOT NULL, actor_kind text NOT NULL, state_name text NOT NULL,
                version bigint NOT NULL, data bytea NOT NULL, updated_at bigint NOT NULL,
                PRIMARY KEY (actor_key, actor_kind, state_name));
            CREATE TABLE IF NOT EXISTS membership_version (
                cluster_id text NOT NULL PRIMARY KEY, version bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS membership (
                cluster_id text NOT NULL, host text NOT NULL, port integer NOT NULL, generation bigint NOT NULL,
                status integer NOT NULL, started_at bigint NOT NULL, heartbeat_at bigint NOT NULL,
                PRIMARY KEY (cluster_id, host, port, generation));
            CREATE TABLE IF NOT EXISTS membership_suspicion (
                cluster_id text NOT NULL, host text NOT NULL, port integer NOT NULL, generation bigint NOT NULL,
                voter_host text NOT NULL, voter_port integer NOT NULL, voter_generation bigint NOT NULL, voted_at bigint NOT NULL,
                PRIMARY KEY (cluster_id, host, port, generation, voter_host, voter_port, voter_generation));
            CREATE TABLE IF NOT EXISTS reminders (
                actor_key text NOT NULL, actor_kind text NOT NULL, name text NOT NULL, cluster_id text NOT NULL,
                due_at bigint NOT NULL, period_ms bigint NOT NULL, version bigint NOT NULL,
                PRIMARY KEY (actor_key, actor_kind, name));
            -- The scan for due reminders; without it every poll of every silo would read every reminder of the cluster.
            CREATE INDEX IF NOT EXISTS reminders_due ON reminders (cluster_id, due_at);
            """, transaction);
        transaction.Commit();
    }

    public void Dispose() => _source.Dispose();
}
