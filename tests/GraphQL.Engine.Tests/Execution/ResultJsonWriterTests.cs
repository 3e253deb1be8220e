using System.Text;
using System.Text.Json;
using GraphQL.Engine.Execution;

namespace GraphQL.Engine.Tests.Execution;

/// <summary>How result values of any CLR shape are written as the response's JSON.</summary>
public sealed class ResultJsonWriterTests
{
    private static ExecutionResult Data(object? value) => new() { HasData = true, Data = new Dictionary<string, object?> { ["x"] = value } };

    [Fact]
    public void A_map_of_strings_is_an_object_whatever_its_dictionary_type()
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["b"] = "2", ["a"] = "1" };
        IReadOnlyDictionary<string, int> counts = new Dictionary<string, int> { ["n"] = 3 };

        Assert.Equal("""{"data":{"x":{"a":"1","b":"2"}}}""", ResultJsonWriter.ToJson(Data(sorted)));
        Assert.Equal("""{"data":{"x":{"n":3}}}""", ResultJsonWriter.ToJson(Data(counts)));
    }

    [Fact]
    public async Task A_value_of_any_other_type_is_written_without_a_synchronous_write_to_the_response_stream()
    {
        await using var body = new AsyncOnlyStream();
        await using (var writer = new Utf8JsonWriter(body, ResultJsonWriter.WriterOptions))
        {
            ResultJsonWriter.Write(writer, Data(new { Name = "Ada", Visits = 2 }));
            await writer.FlushAsync();
        }

        Assert.Equal("""{"data":{"x":{"Name":"Ada","Visits":2}}}""", Encoding.UTF8.GetString(body.Written.ToArray()));
    }

    /// <summary>As Kestrel's response body: a synchronous write or flush throws.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written.Length;
        public override long Position { get => Written.Position; set => throw new NotSupportedException(); }

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            Written.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Written.WriteAsync(buffer, offset, count, cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
