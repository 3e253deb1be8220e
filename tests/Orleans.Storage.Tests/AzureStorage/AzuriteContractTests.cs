using Orleans.Storage.Tests.Contracts;

namespace Orleans.Storage.Tests.AzureStorage;

public sealed class AzuriteMembershipTableTests(AzuriteBackend backend)
    : MembershipTableContract<AzuriteBackend>(backend), IClassFixture<AzuriteBackend>;

public sealed class AzuriteGrainStorageTests(AzuriteBackend backend)
    : GrainStorageContract<AzuriteBackend>(backend), IClassFixture<AzuriteBackend>;

public sealed class AzuriteReminderTableTests(AzuriteBackend backend)
    : ReminderTableContract<AzuriteBackend>(backend), IClassFixture<AzuriteBackend>;
