using Orleans.Storage.Tests.Contracts;

namespace Orleans.Storage.Tests.Sqlite;

/// <summary>Silo processes sharing one SQLite file, new to all of them.</summary>
public sealed class SqliteClusterTests(SqliteBackend backend)
    : ClusterContract<SqliteBackend>(backend), IClassFixture<SqliteBackend>;
