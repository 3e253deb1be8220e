using Actors.Invocation;
using Actors.Serialization;

namespace Actors.Messaging;

/// <summary>
/// The wire protocol: every frame is [uint32 length][byte type][varint correlation id][payload], so many
/// calls share one connection in both directions and responses may come back in any order.
/// </summary>
internal enum FrameType : byte
{
    /// <summary>kind, key, method id, hops, traceparent, call chain, arguments.</summary>
    Request = 1,

    /// <summary>The result, serialized by the request's generated code.</summary>
    Response = 2,

    /// <summary>The actor method threw: exception type (assembly-qualified) and message.</summary>
    Error = 3,

    /// <summary>The silo is not serving (joining, shutting down, fenced): retry elsewhere after re-reading membership.</summary>
    Rejected = 4,

    /// <summary>The caller cancelled the request with this correlation id.</summary>
    Cancel = 5,

    /// <summary>A failure-detection probe between silos: the generation of the silo the prober expects to reach.</summary>
    Ping = 6,

    /// <summary>The answer to a Ping: the generation of the silo that answers (another one means the probed incarnation is gone).</summary>
    Pong = 7,
}

/// <summary>Bits of a request frame's hop byte beyond the hop count.</summary>
internal static class RequestBits
{
    public const int HopMask = 0x7F;

    /// <summary>The caller may cancel this request: the silo gives the actor a token a Cancel frame trips.</summary>
    public const int Cancellable = 0x80;
}

internal abstract class OutgoingFrame(FrameType type, long correlation)
{
    public FrameType Type => type;

    public long Correlation => correlation;

    public void Write(WireWriter writer)
    {
        writer.WriteByte((byte)type);
        writer.WriteInt64(correlation);
        WritePayload(writer);
    }

    protected abstract void WritePayload(WireWriter writer);
}

internal sealed class RequestFrame(long correlation, ActorId target, ActorRequest request, int hops, string? traceParent)
    : OutgoingFrame(FrameType.Request, correlation)
{
    protected override void WritePayload(WireWriter writer)
    {
        writer.WriteString(target.Kind);
        writer.WriteString(target.Key);
        writer.WriteInt32(request.MethodId);
        writer.WriteByte((byte)(hops | (request.CancellationToken.CanBeCanceled ? RequestBits.Cancellable : 0)));
        writer.WriteString(traceParent);
        writer.WriteInt64(request.CallChain);
        request.WriteArguments(writer);
    }
}

internal sealed class ResponseFrame(long correlation, ActorRequest request, object? result) : OutgoingFrame(FrameType.Response, correlation)
{
    protected override void WritePayload(WireWriter writer) => request.WriteResult(writer, result);
}

internal sealed class CancelFrame(long correlation) : OutgoingFrame(FrameType.Cancel, correlation)
{
    protected override void WritePayload(WireWriter writer)
    {
    }
}

/// <summary>A Ping (carrying the generation the prober expects) or a Pong (carrying the answering silo's generation).</summary>
internal sealed class ProbeFrame(FrameType type, long correlation, long generation) : OutgoingFrame(type, correlation)
{
    protected override void WritePayload(WireWriter writer) => writer.WriteInt64(generation);
}

internal sealed class ErrorFrame(long correlation, FrameType type, string exceptionType, string message) : OutgoingFrame(type, correlation)
{
    public static ErrorFrame For(long correlation, Exception error) => error is NotServingException
        ? new ErrorFrame(correlation, FrameType.Rejected, "", error.Message)
        : new ErrorFrame(correlation, FrameType.Error, error.GetType().AssemblyQualifiedName ?? error.GetType().FullName ?? "Exception", error.Message);

    protected override void WritePayload(WireWriter writer)
    {
        writer.WriteString(exceptionType);
        writer.WriteString(message);
    }
}

/// <summary>The silo refused the call because it is not serving; safe to retry, the call never ran.</summary>
internal sealed class NotServingException(string message) : Exception(message);

/// <summary>No connection to the silo could be made; the call was never sent, so it is safe to retry elsewhere.</summary>
internal sealed class SiloUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
