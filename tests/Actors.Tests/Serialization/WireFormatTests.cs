using System.Buffers;
using Actors.Serialization;

namespace Actors.Tests.Serialization;

public sealed class WireFormatTests
{
    [Fact]
    public void Primitives_round_trip_in_order()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new WireWriter(buffer);
        var at = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.FromHours(2));
        var id = Guid.NewGuid();
        writer.WriteInt32(-5);
        writer.WriteInt64(long.MinValue);
        writer.WriteUInt64(ulong.MaxValue);
        writer.WriteString(null);
        writer.WriteString("");
        writer.WriteString("héllo 你好");
        writer.WriteDecimal(-1234.5678m);
        writer.WriteDouble(Math.PI);
        writer.WriteDateTimeOffset(at);
        writer.WriteGuid(id);
        writer.WriteBoolean(true);
        writer.WriteByteArray([1, 2, 3]);
        writer.WriteCount(null);

        var reader = new WireReader(buffer.WrittenMemory);
        Assert.Equal(-5, reader.ReadInt32());
        Assert.Equal(long.MinValue, reader.ReadInt64());
        Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
        Assert.Null(reader.ReadString());
        Assert.Equal("", reader.ReadString());
        Assert.Equal("héllo 你好", reader.ReadString());
        Assert.Equal(-1234.5678m, reader.ReadDecimal());
        Assert.Equal(Math.PI, reader.ReadDouble());
        var readAt = reader.ReadDateTimeOffset();
        Assert.Equal(at, readAt);
        Assert.Equal(at.Offset, readAt.Offset);
        Assert.Equal(id, reader.ReadGuid());
        Assert.True(reader.ReadBoolean());
        Assert.Equal([1, 2, 3], reader.ReadByteArray());
        Assert.Equal(-1, reader.ReadCount());
        Assert.True(reader.End);
    }

    [Fact]
    public void Small_integers_take_one_byte()
    {
        var buffer = new ArrayBufferWriter<byte>();
        new WireWriter(buffer).WriteInt32(-3);
        Assert.Equal(1, buffer.WrittenCount);
    }

    [Fact]
    public void A_truncated_message_fails_with_a_clear_error()
    {
        var buffer = new ArrayBufferWriter<byte>();
        new WireWriter(buffer).WriteString("a longer string");
        var reader = new WireReader(buffer.WrittenMemory[..5]);
        var error = Assert.Throws<WireFormatException>(() => reader.ReadString());
        Assert.Contains("ends early", error.Message);
    }
}
