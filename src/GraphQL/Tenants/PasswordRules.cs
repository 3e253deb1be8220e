namespace Crm.GraphQL.Tenants;

/// <summary>
/// What a password must be, for sign-up and for accepting an invitation: long enough, not absurdly long, and not one
/// of the passwords every attacker tries first.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 256;

    // The most common passwords of public breach lists that are long enough to pass the length rule.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "1234567890", "12345678910", "0123456789", "qwertyuiop", "1q2w3e4r5t", "password123", "password1234", "passw0rd123",
        "iloveyou123", "qwerty1234", "qwerty12345", "1qaz2wsx3edc", "abcdefghij", "letmein123", "welcome123", "administrator",
        "football123", "baseball123", "sunshine123", "princess123", "trustno1234", "superman123", "0987654321", "1111111111",
    };

    /// <summary>Null when the password is acceptable; otherwise what is wrong with it.</summary>
    public static string? Check(string? password)
    {
        password ??= "";
        if (password.Length < MinLength)
            return $"The password needs at least {MinLength} characters.";
        if (password.Length > MaxLength)
            return $"The password may have at most {MaxLength} characters.";
        if (password.Distinct().Count() < 4)
            return "The password repeats too few different characters: use a longer phrase.";
        if (Common.Contains(password))
            return "The password is one of the most common ones: choose another.";
        return null;
    }
}
