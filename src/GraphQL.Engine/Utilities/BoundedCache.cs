using System.Collections.Concurrent;

namespace GraphQL.Engine.Utilities;

/// <summary>
/// A cache bounded in entries and in characters. When either bound would be passed it starts over, which keeps memory
/// flat under a flood of distinct (or huge) entries while steady traffic (a handful of client queries) stays cached.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity, long maxCharacters = 16_000_000)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();
    private long _characters;

    public bool TryGet(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    /// <param name="characters">What the entry costs against the character bound (the text it holds or is keyed by).</param>
    public void Add(TKey key, TValue value, int characters)
    {
        if (capacity <= 0 || characters > maxCharacters / 16)
            return;
        if (_entries.Count >= capacity || Interlocked.Read(ref _characters) + characters > maxCharacters)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _characters, 0);
        }

        if (_entries.TryAdd(key, value))
            Interlocked.Add(ref _characters, characters);
    }
}
