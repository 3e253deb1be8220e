using Orleans.Storage.Tests.Contracts;

namespace Orleans.Storage.Tests.PostgreSql;

public sealed class PostgresMembershipTableTests(PostgresBackend backend)
    : MembershipTableContract<PostgresBackend>(backend), IClassFixture<PostgresBackend>;

public sealed class PostgresGrainStorageTests(PostgresBackend backend)
    : GrainStorageContract<PostgresBackend>(backend), IClassFixture<PostgresBackend>;

public sealed class PostgresReminderTableTests(PostgresBackend backend)
    : ReminderTableContract<PostgresBackend>(backend), IClassFixture<PostgresBackend>;
