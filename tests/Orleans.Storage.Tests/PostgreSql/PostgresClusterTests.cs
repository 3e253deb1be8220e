using Orleans.Storage.Tests.Contracts;

namespace Orleans.Storage.Tests.PostgreSql;

/// <summary>
/// Silo processes on an empty PostgreSQL database: each applies Orleans' scripts at start (AddOrleansPostgreSqlSchema),
/// racing the other, before its silo starts.
/// </summary>
public sealed class PostgresClusterTests(EmptyPostgresBackend backend)
    : ClusterContract<EmptyPostgresBackend>(backend), IClassFixture<EmptyPostgresBackend>;
