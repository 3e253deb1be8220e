using System.Buffers.Binary;
using System.Text;

namespace Actors.Serialization;

/// <summary>Reads what <see cref="WireWriter"/> wrote, in the same order.</summary>
public sealed class WireReader(ReadOnlyMemory<byte> input)
{
    private int _position;

    public bool End => _position >= input.Length;

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > input.Length)
            throw new WireFormatException($"The message ends early: {count} more bytes were expected at offset {_position} of {input.Length}.");
        var span = input.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    public byte ReadByte() => Take(1)[0];

    public bool ReadBoolean() => ReadByte() != 0;

    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return result;
        }
        throw new WireFormatException("A varint is longer than 10 bytes.");
    }

    public long ReadInt64()
    {
        var raw = ReadVarUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int ReadInt32() => checked((int)ReadInt64());

    public short ReadInt16() => checked((short)ReadInt64());

    public ulong ReadUInt64() => ReadVarUInt64();

    public uint ReadUInt32() => checked((uint)ReadVarUInt64());

    public ushort ReadUInt16() => checked((ushort)ReadVarUInt64());

    public sbyte ReadSByte() => checked((sbyte)ReadInt64());

    public char ReadChar() => checked((char)ReadVarUInt64());

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public decimal ReadDecimal()
    {
        var span = Take(16);
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < 4; i++)
            bits[i] = BinaryPrimitives.ReadInt32LittleEndian(span[(i * 4)..]);
        return new decimal(bits);
    }

    public Guid ReadGuid() => new(Take(16));

    public DateTime ReadDateTime()
    {
        var ticks = ReadInt64();
        return new DateTime(ticks, (DateTimeKind)ReadByte());
    }

    public DateTimeOffset ReadDateTimeOffset()
    {
        var ticks = ReadInt64();
        return new DateTimeOffset(ticks, new TimeSpan(ReadInt64()));
    }

    public TimeSpan ReadTimeSpan() => new(ReadInt64());

    public DateOnly ReadDateOnly() => DateOnly.FromDayNumber(ReadInt32());

    public TimeOnly ReadTimeOnly() => new(ReadInt64());

    public string? ReadString()
    {
        var length = ReadVarUInt64();
        return length == 0 ? null : Encoding.UTF8.GetString(Take(checked((int)length - 1)));
    }

    public byte[]? ReadByteArray()
    {
        var length = ReadVarUInt64();
        return length == 0 ? null : Take(checked((int)length - 1)).ToArray();
    }

    /// <summary>Null (-1) or the element count of a collection.</summary>
    public int ReadCount()
    {
        var raw = ReadVarUInt64();
        if (raw > (ulong)(input.Length - _position) + 1)
            throw new WireFormatException($"A collection claims {raw - 1} elements but only {input.Length - _position} bytes remain.");
        return (int)raw - 1;
    }
}

/// <summary>A message could not be decoded: it is truncated or was written by an incompatible build.</summary>
public sealed class WireFormatException(string message) : Exception(message);
