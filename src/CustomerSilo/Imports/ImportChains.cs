using Crm.Contracts.Imports;

namespace Crm.CustomerSilo.Imports;

/// <summary>
/// Splits a batch into chains that may run in parallel: rows sharing a normalized email or phone land in one chain,
/// in file order, so the first of them creates the customer and the later ones find and update it.
/// </summary>
public static class ImportChains
{
    public sealed record KeyedRow(int Index, ImportRow Row, string? Email, string? Phone);

    public static List<List<KeyedRow>> Build(IEnumerable<KeyedRow> rows)
    {
        var chains = new List<List<KeyedRow>>();
        var chainOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            string[] keys = [.. new[] { row.Email is null ? null : "e:" + row.Email, row.Phone is null ? null : "p:" + row.Phone }.OfType<string>()];
            var chain = -1;
            foreach (var key in keys)
                if (chainOfKey.TryGetValue(key, out var found)) { chain = found; break; }
            if (chain < 0)
            {
                chain = chains.Count;
                chains.Add([]);
            }
            chains[chain].Add(row);
            foreach (var key in keys)
                chainOfKey.TryAdd(key, chain);
        }
        return chains;
    }
}
