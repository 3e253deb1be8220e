using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Crm.Tests.Shared;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a socket at 127.0.0.1 that keeps every message it accepts. It
/// answers <c>451</c> (try again later) to the first <see cref="TransientFailures"/> messages, or <c>550</c> to all
/// while <see cref="RefuseAll"/> is set.
/// </summary>
public sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly Store _store = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public int Port { get; private set; }

    public IReadOnlyCollection<MimeMessage> Received => _store.Messages.ToArray();

    /// <summary>How many messages have been answered, accepted or not.</summary>
    public int Attempts => _store.Attempts;

    public int TransientFailures { get => _store.TransientFailures; set => _store.TransientFailures = value; }

    public bool RefuseAll { get => _store.RefuseAll; set => _store.RefuseAll = value; }

    public static async Task<SmtpReceiver> StartAsync()
    {
        var receiver = new SmtpReceiver { Port = FreeLoopbackPort() };
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, receiver.Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(receiver._store);
        receiver._running = new SmtpServer.SmtpServer(options, services).StartAsync(receiver._stop.Token);
        await receiver.WaitUntilListeningAsync();
        return receiver;
    }

    /// <summary>Waits until a message arrives that <paramref name="match"/> accepts.</summary>
    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_store.Messages.FirstOrDefault(match) is { } message)
                return message;
            await _store.Arrived.WaitAsync(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }
        _stop.Dispose();
    }

    private async Task WaitUntilListeningAsync()
    {
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (tries < 100 && !_running.IsCompleted)
            {
                await Task.Delay(20);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store : MessageStore
    {
        private int _attempts;

        public ConcurrentQueue<MimeMessage> Messages { get; } = new();
        public SemaphoreSlim Arrived { get; } = new(0);
        public int Attempts => Volatile.Read(ref _attempts);
        public volatile int TransientFailures;
        public volatile bool RefuseAll;

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            if (RefuseAll)
                return new SmtpResponse((SmtpReplyCode)550, "mailbox unavailable");
            if (attempt <= TransientFailures)
                return new SmtpResponse((SmtpReplyCode)451, "try again later");
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            Arrived.Release();
            return SmtpResponse.Ok;
        }
    }
}
