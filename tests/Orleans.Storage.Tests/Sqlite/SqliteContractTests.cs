using Orleans.Storage.Tests.Contracts;

namespace Orleans.Storage.Tests.Sqlite;

public sealed class SqliteMembershipTableTests(SqliteBackend backend)
    : MembershipTableContract<SqliteBackend>(backend), IClassFixture<SqliteBackend>;

public sealed class SqliteGrainStorageTests(SqliteBackend backend)
    : GrainStorageContract<SqliteBackend>(backend), IClassFixture<SqliteBackend>;

public sealed class SqliteReminderTableTests(SqliteBackend backend)
    : ReminderTableContract<SqliteBackend>(backend), IClassFixture<SqliteBackend>;
