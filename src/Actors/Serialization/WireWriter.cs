using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Actors.Serialization;

/// <summary>
/// Writes the compact binary format of actor messages. Generated serializers call it field by field;
/// integers are varints because most keys, counts and lengths are small.
/// </summary>
public sealed class WireWriter(IBufferWriter<byte> output)
{
    public void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteVarUInt64(ulong value)
    {
        var span = output.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        output.Advance(i);
    }

    // Zig-zag keeps small negative numbers short as well.
    public void WriteInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    public void WriteInt32(int value) => WriteInt64(value);

    public void WriteInt16(short value) => WriteInt64(value);

    public void WriteUInt64(ulong value) => WriteVarUInt64(value);

    public void WriteUInt32(uint value) => WriteVarUInt64(value);

    public void WriteUInt16(ushort value) => WriteVarUInt64(value);

    public void WriteSByte(sbyte value) => WriteInt64(value);

    public void WriteChar(char value) => WriteVarUInt64(value);

    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    public void WriteSingle(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public void WriteDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var span = output.GetSpan(16);
        for (var i = 0; i < 4; i++)
            BinaryPrimitives.WriteInt32LittleEndian(span[(i * 4)..], bits[i]);
        output.Advance(16);
    }

    public void WriteGuid(Guid value)
    {
        value.TryWriteBytes(output.GetSpan(16));
        output.Advance(16);
    }

    public void WriteDateTime(DateTime value)
    {
        WriteInt64(value.Ticks);
        WriteByte((byte)value.Kind);
    }

    public void WriteDateTimeOffset(DateTimeOffset value)
    {
        WriteInt64(value.Ticks);
        WriteInt64(value.Offset.Ticks);
    }

    public void WriteTimeSpan(TimeSpan value) => WriteInt64(value.Ticks);

    public void WriteDateOnly(DateOnly value) => WriteInt32(value.DayNumber);

    public void WriteTimeOnly(TimeOnly value) => WriteInt64(value.Ticks);

    /// <summary>Null is length 0; a string of n UTF-8 bytes is n + 1 followed by the bytes.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteVarUInt64(0);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt64((ulong)length + 1);
        var written = Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(written);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteVarUInt64((ulong)value.Length + 1);
        value.CopyTo(output.GetSpan(value.Length));
        output.Advance(value.Length);
    }

    public void WriteByteArray(byte[]? value)
    {
        if (value is null)
            WriteVarUInt64(0);
        else
            WriteBytes(value);
    }

    /// <summary>Collections: -1 for null, otherwise the element count.</summary>
    public void WriteCount(int? count) => WriteVarUInt64(count is { } n ? (ulong)n + 1 : 0);
}
