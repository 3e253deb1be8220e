using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Actors.Invocation;
using Actors.Serialization;
using Microsoft.Extensions.Logging;

namespace Actors.Messaging;

/// <summary>Serves requests that arrive on a connection (a silo; clients serve none).</summary>
internal interface IRequestHandler
{
    Task<object?> HandleAsync(ActorId target, ActorRequest request, int hops, string? traceParent);

    /// <summary>The generation of the silo that serves this connection, answered to every Ping.</summary>
    long Generation { get; }

    /// <summary>
    /// Test hook (TestSilo.StopAnswering): true makes the silo's listener drop every frame that arrives (calls, cancels,
    /// pings) without an answer, as a hung listener or a partition between silos would, while the silo itself runs on.
    /// </summary>
    bool Unresponsive { get; }
}

/// <summary>
/// One TCP connection carrying multiplexed, pipelined frames both ways. A single writer loop drains every
/// frame queued at that moment before one flush, so concurrent calls are batched into few socket writes.
/// </summary>
internal sealed class Connection : IAsyncDisposable
{
    private const int MaxFrame = 64 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly IRequestHandler? _handler;
    private readonly ILogger _logger;
    private readonly Channel<OutgoingFrame> _outgoing = Channel.CreateUnbounded<OutgoingFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _inbound = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<long>> _pings = new();
    private long _nextCorrelation;
    private volatile bool _closed;

    public Connection(Socket socket, string remote, IRequestHandler? handler, ILogger logger)
    {
        _socket = socket;
        _socket.NoDelay = true;
        var stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(stream);
        _output = PipeWriter.Create(stream);
        Remote = remote;
        _handler = handler;
        _logger = logger;
        Completion = Task.WhenAll(Task.Run(ReadLoopAsync), Task.Run(WriteLoopAsync));
    }

    public string Remote { get; }

    public bool IsClosed => _closed;

    /// <summary>Completes when both loops have ended (the connection is closed).</summary>
    public Task Completion { get; }

    public Task<object?> CallAsync(ActorId target, ActorRequest request, int hops, string? traceParent)
    {
        var correlation = Interlocked.Increment(ref _nextCorrelation);
        var call = new PendingCall(request);
        _pending[correlation] = call;
        if (_closed || !_outgoing.Writer.TryWrite(new RequestFrame(correlation, target, request, hops, traceParent)))
        {
            _pending.TryRemove(correlation, out _);
            throw new SiloUnreachableException($"The connection to {Remote} is closed.");
        }
        if (_closed && _pending.TryRemove(correlation, out _))
            throw new SiloUnreachableException($"The connection to {Remote} is closed.");
        if (request.CancellationToken.CanBeCanceled)
            call.CancelRegistration = request.CancellationToken.UnsafeRegister(static state =>
            {
                var (connection, id) = ((Connection, long))state!;
                connection.Send(new CancelFrame(id));
            }, (this, correlation));
        return call.Task;
    }

    /// <summary>
    /// Sends a Ping expecting the silo of <paramref name="generation"/> and returns the generation that answered;
    /// fails with <see cref="SiloUnreachableException"/> when the connection is or becomes closed, and with
    /// <see cref="OperationCanceledException"/> when cancelled (the prober's timeout).
    /// </summary>
    public async Task<long> PingAsync(long generation, CancellationToken cancellationToken)
    {
        var correlation = Interlocked.Increment(ref _nextCorrelation);
        var pong = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pings[correlation] = pong;
        try
        {
            if (_closed || !_outgoing.Writer.TryWrite(new ProbeFrame(FrameType.Ping, correlation, generation)) || _closed)
                throw new SiloUnreachableException($"The connection to {Remote} is closed.");
            return await pong.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pings.TryRemove(correlation, out _);
        }
    }

    private async Task WriteLoopAsync()
    {
        var scratch = new ArrayBufferWriter<byte>(4096);
        var writer = new WireWriter(scratch);
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_outgoing.Reader.TryRead(out var frame))
                {
                    scratch.ResetWrittenCount();
                    try
                    {
                        frame.Write(writer);
                    }
                    catch (Exception e)
                    {
                        scratch.ResetWrittenCount();
                        if (frame.Type == FrameType.Request)
                        {
                            if (_pending.TryRemove(frame.Correlation, out var failed))
                                failed.TrySetException(new InvalidOperationException($"The call's arguments could not be serialized: {e.Message}", e));
                            continue;
                        }
                        ErrorFrame.For(frame.Correlation, new InvalidOperationException($"The result could not be serialized: {e.Message}", e)).Write(writer);
                    }
                    BinaryPrimitives.WriteUInt32LittleEndian(_output.GetSpan(4), (uint)scratch.WrittenCount);
                    _output.Advance(4);
                    _output.Write(scratch.WrittenSpan);
                    if (frame.Type == FrameType.Request && _pending.TryGetValue(frame.Correlation, out var sent))
                        sent.Sent = true;
                }
                var flush = await _output.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted)
                    break;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogDebug(e, "Writing to {Remote} failed", Remote);
        }
        finally
        {
            Close();
            await _output.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var read = await _input.ReadAsync().ConfigureAwait(false);
                var buffer = read.Buffer;
                while (TryReadFrame(ref buffer))
                {
                }
                _input.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted || read.IsCanceled)
                    break;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException or WireFormatException)
        {
            _logger.LogDebug(e, "Reading from {Remote} failed", Remote);
        }
        finally
        {
            Close();
            await _input.CompleteAsync().ConfigureAwait(false);
        }
    }

    private bool TryReadFrame(ref ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < 4)
            return false;
        Span<byte> header = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (length > MaxFrame)
            throw new WireFormatException($"A frame from {Remote} claims {length} bytes, more than the {MaxFrame} allowed.");
        if (buffer.Length < 4 + length)
            return false;
        var body = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            buffer.Slice(4, length).CopyTo(body);
            Dispatch(new WireReader(body.AsMemory(0, (int)length)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
        buffer = buffer.Slice(4 + length);
        return true;
    }

    private void Dispatch(WireReader reader)
    {
        var type = (FrameType)reader.ReadByte();
        var correlation = reader.ReadInt64();
        if (_handler is { Unresponsive: true })
            return; // test hook: a hung listener
        if (type == FrameType.Request)
        {
            DispatchRequest(correlation, reader);
            return;
        }
        if (type == FrameType.Ping)
        {
            reader.ReadInt64();
            if (_handler is not null)
                Send(new ProbeFrame(FrameType.Pong, correlation, _handler.Generation));
            return;
        }
        if (type == FrameType.Pong)
        {
            var generation = reader.ReadInt64();
            if (_pings.TryRemove(correlation, out var pong))
                pong.TrySetResult(generation);
            return;
        }
        if (type == FrameType.Cancel)
        {
            if (_inbound.TryGetValue(correlation, out var cancellation))
            {
                try
                {
                    cancellation.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // the request completed meanwhile
                }
            }
            return;
        }
        if (!_pending.TryRemove(correlation, out var call))
            return; // the caller gave up (timeout) or the id is unknown
        call.CancelRegistration.Dispose();
        try
        {
            switch (type)
            {
                case FrameType.Response:
                    call.TrySetResult(call.Request.ReadResult(reader));
                    break;
                case FrameType.Error:
                    var typeName = reader.ReadString() ?? "Exception";
                    call.TrySetException(RemoteExceptions.Rebuild(typeName, reader.ReadString() ?? ""));
                    break;
                case FrameType.Rejected:
                    reader.ReadString();
                    call.TrySetException(new NotServingException(reader.ReadString() ?? $"{Remote} is not serving."));
                    break;
                default:
                    throw new WireFormatException($"Unknown frame type {(byte)type} from {Remote}.");
            }
        }
        catch (WireFormatException e)
        {
            call.TrySetException(e);
        }
    }

    private void DispatchRequest(long correlation, WireReader reader)
    {
        ActorId target;
        ActorRequest request;
        int hops;
        bool cancellable;
        string? traceParent;
        long callChain;
        try
        {
            target = new ActorId(reader.ReadString() ?? "", reader.ReadString() ?? "");
            var method = reader.ReadInt32();
            var hopBits = reader.ReadByte();
            hops = hopBits & RequestBits.HopMask;
            cancellable = (hopBits & RequestBits.Cancellable) != 0;
            traceParent = reader.ReadString();
            callChain = reader.ReadInt64();
            if (_handler is null)
                throw new NotServingException($"{Remote} sent a request to a client, which serves none.");
            if (!ActorInterfaceRegistry.TryGetByKind(target.Kind, out var info))
                throw new InvalidOperationException($"Actor kind {target.Kind} is unknown in this process; is the assembly declaring it deployed here?");
            request = info.Invoker.ReadRequest(method, reader);
            request.CallChain = callChain;
        }
        catch (Exception e)
        {
            Send(ErrorFrame.For(correlation, e));
            return;
        }
        CancellationTokenSource? cancellation = null;
        if (cancellable)
        {
            cancellation = new CancellationTokenSource();
            _inbound[correlation] = cancellation;
            request.CancellationToken = cancellation.Token;
        }
        _ = RespondAsync(correlation, target, request, hops, traceParent, cancellation);
    }

    private async Task RespondAsync(long correlation, ActorId target, ActorRequest request, int hops, string? traceParent, CancellationTokenSource? cancellation)
    {
        try
        {
            var result = await _handler!.HandleAsync(target, request, hops, traceParent).ConfigureAwait(false);
            Send(new ResponseFrame(correlation, request, result));
        }
        catch (Exception e)
        {
            Send(ErrorFrame.For(correlation, e));
        }
        finally
        {
            if (cancellation is not null)
            {
                _inbound.TryRemove(correlation, out _);
                cancellation.Dispose();
            }
        }
    }

    private void Send(OutgoingFrame frame) => _outgoing.Writer.TryWrite(frame);

    private void Close()
    {
        if (_closed)
            return;
        _closed = true;
        _outgoing.Writer.TryComplete();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
        _socket.Dispose();
        foreach (var correlation in _pending.Keys)
        {
            if (_pending.TryRemove(correlation, out var call))
            {
                call.TrySetException(call.Sent
                    ? new ActorUnavailableException($"The connection to {Remote} was lost while the call {call.Request.MethodName} was in flight; it may or may not have run.")
                    : new SiloUnreachableException($"The connection to {Remote} was lost before the call was sent."));
            }
        }
        foreach (var correlation in _pings.Keys)
        {
            if (_pings.TryRemove(correlation, out var pong))
                pong.TrySetException(new SiloUnreachableException($"The connection to {Remote} was lost before the ping was answered."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // Loops already reported their failure.
        }
    }

    private sealed class PendingCall(ActorRequest request) : TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public ActorRequest Request => request;

        public volatile bool Sent;

        public CancellationTokenRegistration CancelRegistration;
    }
}
