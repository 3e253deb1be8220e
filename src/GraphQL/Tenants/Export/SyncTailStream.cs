namespace Crm.GraphQL.Tenants.Export;

/// <summary>
/// Carries a zip to a response that allows only asynchronous writes. ZipArchive writes its entries' data
/// asynchronously but, when an entry or the archive closes, writes the last compressed block, the entry's sizes and
/// the central directory synchronously. Those few kilobytes are kept here and sent on by <see cref="FlushAsync"/>,
/// which the writer calls after each entry and after the archive; everything else goes straight through.
/// </summary>
public sealed class SyncTailStream(Stream output) : Stream
{
    private readonly MemoryStream _held = new();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => _held.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _held.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendHeldAsync(cancellationToken);
        await output.WriteAsync(buffer, cancellationToken);
    }

    // A synchronous flush has nothing to do: what is held waits for the next asynchronous write or flush.
    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendHeldAsync(cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    private async Task SendHeldAsync(CancellationToken cancellationToken)
    {
        if (_held.Length == 0)
            return;
        await output.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), cancellationToken);
        _held.SetLength(0);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
