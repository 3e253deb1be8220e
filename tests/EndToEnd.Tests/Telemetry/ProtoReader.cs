namespace EndToEnd.Tests.Telemetry;

/// <summary>
/// Just enough of the protobuf wire format to read OTLP without a protobuf package: tags, varints and
/// length-delimited fields are read; fixed 32- and 64-bit fields (timestamps, flags) are only skipped.
/// </summary>
internal ref struct ProtoReader
{
    private const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _wireType;

    public ProtoReader(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>Moves to the next field and gives its number; false at the end of the message.</summary>
    public bool Next(out int field)
    {
        field = 0;
        if (_position >= _data.Length)
            return false;
        var tag = ReadVarint();
        field = (int)(tag >> 3);
        _wireType = (int)(tag & 7);
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
        throw new FormatException("A varint longer than 10 bytes.");
    }

    /// <summary>The bytes of a length-delimited field: a nested message, a string or a byte string.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        if (_wireType != LengthDelimited)
            throw new FormatException($"Wire type {_wireType} where a length-delimited field was expected.");
        var length = checked((int)ReadVarint());
        var bytes = _data.Slice(_position, length);
        _position += length;
        return bytes;
    }

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes());

    /// <summary>Passes over the current field's value, whatever its wire type.</summary>
    public void Skip()
    {
        switch (_wireType)
        {
            case Varint: ReadVarint(); break;
            case Fixed64: _position += 8; break;
            case LengthDelimited: ReadBytes(); break;
            case Fixed32: _position += 4; break;
            default: throw new FormatException($"Unsupported wire type {_wireType} (groups are not used by OTLP).");
        }
    }
}
