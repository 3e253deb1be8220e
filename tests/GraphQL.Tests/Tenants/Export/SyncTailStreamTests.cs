using System.IO.Compression;
using Crm.GraphQL.Tenants.Export;

namespace GraphQL.Tests.Tenants.Export;

public sealed class SyncTailStreamTests
{
    [Fact]
    public async Task A_zip_reaches_a_response_that_refuses_synchronous_writes_whole()
    {
        var response = new AsyncOnlyStream();
        var sink = new SyncTailStream(response);
        var zip = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null);
        foreach (var (name, text) in new[] { ("a.txt", "first entry"), ("b.txt", new string('x', 100_000)) })
        {
            await using (var entry = await zip.CreateEntry(name, CompressionLevel.Fastest).OpenAsync())
            await using (var writer = new StreamWriter(entry, leaveOpen: true))
                await writer.WriteAsync(text);
            await sink.FlushAsync();
        }
        await zip.DisposeAsync();
        await sink.FlushAsync();

        using var read = new ZipArchive(new MemoryStream(response.Written.ToArray()), ZipArchiveMode.Read);
        Assert.Equal(["a.txt", "b.txt"], read.Entries.Select(e => e.FullName));
        using var second = new StreamReader(read.Entries[1].Open());
        Assert.Equal(100_000, (await second.ReadToEndAsync()).Length);
    }

    /// <summary>As Kestrel's response body: writes and flushes only asynchronously, and no seeking.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
