namespace Crm.GraphQL.Csv;

/// <summary>What an import id may be: the caller's own name for one file, reused to resume it.</summary>
public static class ImportIds
{
    public const int MaxLength = 64;

    /// <summary>Why <paramref name="importId"/> is not an import id, or null when it is one.</summary>
    public static string? Problem(string importId) =>
        importId.Length is > 0 and <= MaxLength && importId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? null
            : $"'{importId}' is not an import id: use 1 to {MaxLength} letters, digits, '-' or '_', and the same id again to resume.";
}
