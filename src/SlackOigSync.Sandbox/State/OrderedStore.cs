namespace SlackOigSync.Sandbox.State;

/// <summary>
/// Items kept in ordinal key order so that paging can be keyset-based: a cursor is the last key served,
/// and the next page starts strictly after it. Items added or removed between pages therefore never make
/// another item appear twice or go missing, which is what the real APIs' opaque cursors promise.
/// </summary>
public sealed class OrderedStore<T>
    where T : class
{
    private readonly SortedSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);

    public int Count => _items.Count;

    public IEnumerable<T> All => _keys.Select(k => _items[k]);

    public bool Add(string key, T item)
    {
        if (!_items.TryAdd(key, item))
        {
            return false;
        }

        _keys.Add(key);
        return true;
    }

    public bool Remove(string key) => _items.Remove(key) && _keys.Remove(key);

    public T? Find(string key) => _items.GetValueOrDefault(key);

    /// <summary>Up to <paramref name="limit"/> matching items after <paramref name="after"/>, and the cursor for the next page (null on the last).</summary>
    public (List<T> Items, string? NextCursor) Page(string? after, int limit, Func<T, bool> predicate, bool descending = false)
    {
        var page = new List<T>(Math.Min(limit, 256));
        string? lastKey = null;
        foreach (var key in KeysAfter(after, descending))
        {
            var item = _items[key];
            if (!predicate(item))
            {
                continue;
            }

            if (page.Count == limit)
            {
                return (page, lastKey);
            }

            page.Add(item);
            lastKey = key;
        }

        return (page, null);
    }

    private IEnumerable<string> KeysAfter(string? after, bool descending)
    {
        if (_keys.Count == 0)
        {
            return [];
        }

        if (after is null)
        {
            return descending ? _keys.Reverse() : _keys;
        }

        if (descending)
        {
            return string.CompareOrdinal(after, _keys.Min) <= 0
                ? []
                : _keys.GetViewBetween(_keys.Min, after).Reverse().Where(k => k != after);
        }

        return string.CompareOrdinal(after, _keys.Max) >= 0
            ? []
            : _keys.GetViewBetween(after, _keys.Max).Where(k => k != after);
    }
}
