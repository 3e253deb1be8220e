using System.Text;

namespace GraphQL.Engine.Language;

/// <summary>Quotes a value as a GraphQL (and JSON-compatible) string literal.</summary>
public static class StringLiteral
{
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case < ' ' or '\u007F': builder.Append("\\u").Append(((int)c).ToString("X4")); break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }
}
