using System.Security.Cryptography;
using System.Text;

namespace Crm.CustomerSilo.Imports;

/// <summary>
/// The id a row creates its customer under: derived from the import and the row, so a batch applied again after a
/// stop (its commit was lost) finds the customer it already created instead of creating a second one, even when the
/// row has no email or phone to match by. 32 lowercase hex digits, like every customer id: 16 from a hash of the
/// import's id, then the row number in 16. An import's customers so come in ascending order, and every store index
/// that holds the id after a column new customers share (their stage, spend, counts) is appended to rather than
/// written at random places: fewer pages dirtied per batch, each one written to the log once.
/// </summary>
public static class ImportedCustomerIds
{
    public static string For(string importId, long row) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"import:{importId}")), 0, 8) + row.ToString("x16");
}
