using System.Globalization;
using System.Text;

namespace GraphQL.Engine.Language;

/// <summary>
/// Turns GraphQL source text into tokens on demand. Ignored tokens (whitespace, commas, comments, BOM) are skipped.
/// Counts the tokens it produced so the parser can refuse documents that would take unbounded work.
/// </summary>
public sealed class Lexer(string source)
{
    private int _position;
    private int _line = 1;
    private int _lineStart;

    public string Source { get; } = source;

    public int TokenCount { get; private set; }

    public Token Next()
    {
        var token = ReadToken();
        if (token.Kind != TokenKind.EndOfFile)
            TokenCount++;
        return token;
    }

    /// <summary>The token after the current one, without consuming it (descriptions need one token of lookahead).</summary>
    public Token Peek()
    {
        var (position, line, lineStart) = (_position, _line, _lineStart);
        var token = ReadToken();
        (_position, _line, _lineStart) = (position, line, lineStart);
        return token;
    }

    private Token ReadToken()
    {
        var body = Source;
        while (_position < body.Length)
        {
            var c = body[_position];
            switch (c)
            {
                case '\uFEFF' or '\t' or ' ' or ',':
                    _position++;
                    continue;
                case '\n':
                    _position++;
                    NewLine();
                    continue;
                case '\r':
                    _position += _position + 1 < body.Length && body[_position + 1] == '\n' ? 2 : 1;
                    NewLine();
                    continue;
                case '#':
                    SkipComment();
                    continue;
                case '!': return Punctuator(TokenKind.Bang);
                case '$': return Punctuator(TokenKind.Dollar);
                case '&': return Punctuator(TokenKind.Ampersand);
                case '(': return Punctuator(TokenKind.ParenLeft);
                case ')': return Punctuator(TokenKind.ParenRight);
                case ':': return Punctuator(TokenKind.Colon);
                case '=': return Punctuator(TokenKind.Equals);
                case '@': return Punctuator(TokenKind.At);
                case '[': return Punctuator(TokenKind.BracketLeft);
                case ']': return Punctuator(TokenKind.BracketRight);
                case '{': return Punctuator(TokenKind.BraceLeft);
                case '|': return Punctuator(TokenKind.Pipe);
                case '}': return Punctuator(TokenKind.BraceRight);
                case '.':
                    if (_position + 2 < body.Length && body[_position + 1] == '.' && body[_position + 2] == '.')
                    {
                        var spread = Make(TokenKind.Spread, _position, _position + 3, null);
                        _position += 3;
                        return spread;
                    }
                    throw Error(_position, "Unexpected \".\".");
                case '"':
                    return _position + 2 < body.Length && body[_position + 1] == '"' && body[_position + 2] == '"'
                        ? ReadBlockString()
                        : ReadString();
            }

            if (IsNameStart(c))
                return ReadName();
            if (c == '-' || char.IsAsciiDigit(c))
                return ReadNumber();
            throw Error(_position, c == '\''
                ? "Unexpected single quote character ('), did you mean to use a double quote (\")?"
                : $"Unexpected character: {Printable(c)}.");
        }

        return Make(TokenKind.EndOfFile, body.Length, body.Length, null);
    }

    public static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    public static bool IsNameContinue(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private void NewLine()
    {
        _line++;
        _lineStart = _position;
    }

    private Token Make(TokenKind kind, int start, int end, string? value) =>
        new(kind, start, end, _line, start - _lineStart + 1, value);

    private Token Punctuator(TokenKind kind)
    {
        var token = Make(kind, _position, _position + 1, null);
        _position++;
        return token;
    }

    private GraphQLSyntaxException Error(int position, string message) =>
        new(message, new SourceLocation(_line, position - _lineStart + 1));

    private static string Printable(char c) => c is >= ' ' and <= '~'
        ? $"\"{c}\""
        : $"U+{(int)c:X4}";

    private void SkipComment()
    {
        while (_position < Source.Length && Source[_position] is not ('\n' or '\r'))
            _position++;
    }

    private Token ReadName()
    {
        var start = _position;
        while (_position < Source.Length && IsNameContinue(Source[_position]))
            _position++;
        return Make(TokenKind.Name, start, _position, Source[start.._position]);
    }

    private Token ReadNumber()
    {
        var body = Source;
        var start = _position;
        var isFloat = false;
        if (body[_position] == '-')
            _position++;
        if (_position < body.Length && body[_position] == '0')
        {
            _position++;
            if (_position < body.Length && char.IsAsciiDigit(body[_position]))
                throw Error(_position, $"Invalid number, unexpected digit after 0: {Printable(body[_position])}.");
        }
        else
        {
            ReadDigits();
        }

        if (_position < body.Length && body[_position] == '.')
        {
            isFloat = true;
            _position++;
            ReadDigits();
        }

        if (_position < body.Length && body[_position] is 'e' or 'E')
        {
            isFloat = true;
            _position++;
            if (_position < body.Length && body[_position] is '+' or '-')
                _position++;
            ReadDigits();
        }

        if (_position < body.Length && (body[_position] == '.' || IsNameStart(body[_position])))
            throw Error(_position, $"Invalid number, expected digit but got: {Printable(body[_position])}.");
        return Make(isFloat ? TokenKind.Float : TokenKind.Int, start, _position, body[start.._position]);
    }

    private void ReadDigits()
    {
        if (_position >= Source.Length || !char.IsAsciiDigit(Source[_position]))
        {
            throw Error(_position, _position >= Source.Length
                ? "Invalid number, expected digit but got: <EOF>."
                : $"Invalid number, expected digit but got: {Printable(Source[_position])}.");
        }

        while (_position < Source.Length && char.IsAsciiDigit(Source[_position]))
            _position++;
    }

    private Token ReadString()
    {
        var body = Source;
        var start = _position;
        _position++;
        var value = new StringBuilder();
        while (_position < body.Length)
        {
            var c = body[_position];
            if (c == '"')
            {
                _position++;
                return Make(TokenKind.String, start, _position, value.ToString());
            }

            if (c is '\n' or '\r')
                break;
            if (c == '\\')
            {
                ReadEscape(value);
                continue;
            }

            if (c < ' ' && c != '\t')
                throw Error(_position, $"Invalid character within String: {Printable(c)}.");
            value.Append(c);
            _position++;
        }

        throw Error(_position, "Unterminated string.");
    }

    private void ReadEscape(StringBuilder value)
    {
        var body = Source;
        if (_position + 1 >= body.Length)
            throw Error(_position, "Unterminated string.");
        var escaped = body[_position + 1];
        switch (escaped)
        {
            case '"': value.Append('"'); break;
            case '\\': value.Append('\\'); break;
            case '/': value.Append('/'); break;
            case 'b': value.Append('\b'); break;
            case 'f': value.Append('\f'); break;
            case 'n': value.Append('\n'); break;
            case 'r': value.Append('\r'); break;
            case 't': value.Append('\t'); break;
            case 'u':
                ReadUnicodeEscape(value);
                return;
            default:
                throw Error(_position, $"Invalid character escape sequence: \"\\{escaped}\".");
        }

        _position += 2;
    }

    private void ReadUnicodeEscape(StringBuilder value)
    {
        var body = Source;
        var start = _position;
        if (_position + 2 < body.Length && body[_position + 2] == '{')
        {
            var close = body.IndexOf('}', _position + 3);
            if (close > _position + 3 && close - _position - 3 <= 8
                && int.TryParse(body.AsSpan(_position + 3, close - _position - 3), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var codePoint)
                && codePoint is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
            {
                value.Append(char.ConvertFromUtf32(codePoint));
                _position = close + 1;
                return;
            }

            throw Error(start, $"Invalid Unicode escape sequence: \"{Snippet(start, close < 0 ? body.Length : close + 1)}\".");
        }

        var unit = ReadHex4(_position + 2);
        if (unit < 0)
            throw Error(start, $"Invalid Unicode escape sequence: \"{Snippet(start, Math.Min(body.Length, start + 6))}\".");
        if (char.IsHighSurrogate((char)unit))
        {
            // A surrogate pair written as two \u escapes is one code point; a lone half is refused.
            if (_position + 11 < body.Length + 0 && body[_position + 6] == '\\' && body[_position + 7] == 'u')
            {
                var low = ReadHex4(_position + 8);
                if (low >= 0 && char.IsLowSurrogate((char)low))
                {
                    value.Append((char)unit).Append((char)low);
                    _position += 12;
                    return;
                }
            }

            throw Error(start, $"Invalid Unicode escape sequence: \"{Snippet(start, start + 6)}\".");
        }

        if (char.IsLowSurrogate((char)unit))
            throw Error(start, $"Invalid Unicode escape sequence: \"{Snippet(start, start + 6)}\".");
        value.Append((char)unit);
        _position += 6;
    }

    private string Snippet(int start, int end) => Source[start..Math.Min(end, Source.Length)];

    private int ReadHex4(int at) =>
        at + 4 <= Source.Length && int.TryParse(Source.AsSpan(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
            ? v
            : -1;

    private Token ReadBlockString()
    {
        var body = Source;
        var start = _position;
        var startLine = _line;
        var startColumn = _position - _lineStart + 1;
        _position += 3;
        var raw = new StringBuilder();
        while (_position < body.Length)
        {
            var c = body[_position];
            if (c == '"' && _position + 2 < body.Length && body[_position + 1] == '"' && body[_position + 2] == '"')
            {
                _position += 3;
                return new Token(TokenKind.BlockString, start, _position, startLine, startColumn, BlockString.Dedent(raw.ToString()));
            }

            if (c == '\\' && _position + 3 < body.Length && body[_position + 1] == '"' && body[_position + 2] == '"' && body[_position + 3] == '"')
            {
                raw.Append("\"\"\"");
                _position += 4;
                continue;
            }

            if (c is '\n' or '\r')
            {
                raw.Append('\n');
                _position += c == '\r' && _position + 1 < body.Length && body[_position + 1] == '\n' ? 2 : 1;
                NewLine();
                continue;
            }

            if (c < ' ' && c != '\t')
                throw Error(_position, $"Invalid character within String: {Printable(c)}.");
            raw.Append(c);
            _position++;
        }

        throw Error(_position, "Unterminated string.");
    }
}
