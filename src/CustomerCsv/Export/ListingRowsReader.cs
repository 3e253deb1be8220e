using System.Collections;
using System.Collections.ObjectModel;
using System.Data.Common;

namespace Crm.CustomerCsv.Export;

/// <summary>
/// Text rows, pulled one at a time from an async source, as the <see cref="DbDataReader"/> Sylvan's CSV writer reads
/// from. Every column is text (null for an empty cell), so the writer only quotes and escapes.
/// </summary>
internal sealed class ListingRowsReader(IReadOnlyList<string> columns, IAsyncEnumerator<string?[]> rows) : DbDataReader, IDbColumnSchemaGenerator
{
    /// <summary>The writer learns the columns from this schema.</summary>
    public ReadOnlyCollection<DbColumn> GetColumnSchema() => new([.. columns.Select((name, ordinal) => new TextColumn(name, ordinal))]);

    private string?[] _row = [];

    public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await rows.MoveNextAsync())
            return false;
        _row = rows.Current;
        return true;
    }

    public override bool Read() => ReadAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override int FieldCount => columns.Count;
    public override string GetName(int ordinal) => columns[ordinal];
    public override int GetOrdinal(string name) => columns.ToList().IndexOf(name);
    public override Type GetFieldType(int ordinal) => typeof(string);
    public override string GetDataTypeName(int ordinal) => "string";
    public override bool IsDBNull(int ordinal) => _row[ordinal] is null;
    public override string GetString(int ordinal) => _row[ordinal] ?? "";
    public override object GetValue(int ordinal) => (object?)_row[ordinal] ?? DBNull.Value;

    public override int GetValues(object[] values)
    {
        var n = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < n; i++)
            values[i] = GetValue(i);
        return n;
    }

    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));
    public override bool HasRows => true;
    public override bool IsClosed => false;
    public override int RecordsAffected => -1;
    public override int Depth => 0;
    public override bool NextResult() => false;
    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    // The writer asks only for text; typed reads are not part of this reader.
    public override bool GetBoolean(int ordinal) => throw Untyped();
    public override byte GetByte(int ordinal) => throw Untyped();
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw Untyped();
    public override char GetChar(int ordinal) => throw Untyped();
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw Untyped();
    public override DateTime GetDateTime(int ordinal) => throw Untyped();
    public override decimal GetDecimal(int ordinal) => throw Untyped();
    public override double GetDouble(int ordinal) => throw Untyped();
    public override float GetFloat(int ordinal) => throw Untyped();
    public override Guid GetGuid(int ordinal) => throw Untyped();
    public override short GetInt16(int ordinal) => throw Untyped();
    public override int GetInt32(int ordinal) => throw Untyped();
    public override long GetInt64(int ordinal) => throw Untyped();

    private static NotSupportedException Untyped() => new("Every column of a listing export is text: read it with GetString.");
}

internal sealed class TextColumn : DbColumn
{
    public TextColumn(string name, int ordinal)
    {
        ColumnName = name;
        ColumnOrdinal = ordinal;
        DataType = typeof(string);
        DataTypeName = "string";
        AllowDBNull = true;
    }
}
