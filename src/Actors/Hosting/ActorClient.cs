using Actors.Membership;
using Actors.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Hosting;

/// <summary>
/// The client side of a process that calls actors but hosts none (GraphQL service, gateway, campaigns):
/// it keeps a fresh membership view so that calls go straight to each key's owner.
/// </summary>
internal sealed class ActorClient(ActorStorage storage, MembershipAgent membership, ConnectionPool connections, ILogger<ActorClient> logger)
    : IHostedService, IAsyncDisposable
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await membership.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The membership table cannot be read yet; the client keeps trying");
        }
        membership.Start();
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await membership.DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await connections.DisposeAsync().ConfigureAwait(false);
        await storage.DisposeAsync().ConfigureAwait(false);
    }
}
