namespace Actors.Placement;

/// <summary>
/// A hash that is the same in every process and on every run (string.GetHashCode is randomized per process),
/// so every silo and client computes the same owner for a key.
/// </summary>
public static class StableHash
{
    public static ulong Of(string value, ulong seed = 14695981039346656037UL)
    {
        var hash = seed;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return Mix(hash);
    }

    /// <summary>MurmurHash3's 64-bit finalizer: spreads every input bit over the whole output.</summary>
    public static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xff51afd7ed558ccdUL;
        value ^= value >> 33;
        value *= 0xc4ceb9fe1a85ec53UL;
        value ^= value >> 33;
        return value;
    }
}
