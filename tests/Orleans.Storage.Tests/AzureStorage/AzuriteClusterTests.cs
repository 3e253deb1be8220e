using Orleans.Storage.Tests.Contracts;

namespace Orleans.Storage.Tests.AzureStorage;

public sealed class AzuriteClusterTests(AzuriteBackend backend)
    : ClusterContract<AzuriteBackend>(backend), IClassFixture<AzuriteBackend>;
