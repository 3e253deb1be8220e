using Crm.Tests.Shared;

namespace Crm.CustomerReadModel.Tests.PostgreSql;

/// <summary>One PostgreSQL server (Debian's package) for the collection's tests; each test takes a database of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}

public sealed class PostgresFixture : IDisposable
{
    public PostgresServer Server { get; } = new();

    public void Dispose() => Server.Dispose();
}
