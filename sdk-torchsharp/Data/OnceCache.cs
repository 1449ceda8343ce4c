namespace HyperSearch.Trainer.Data;

/// <summary>
/// A small thread-safe cache that builds each value once even when several trainer threads ask for
/// it together, forgets failures (so a repaired file is read again) and keeps the most recently used
/// <c>capacity</c> entries.
/// </summary>
/// <remarks>
/// Evicted values are not disposed: a running job may still hold one. Tensors free their native
/// memory when the garbage collector finalizes them.
/// </remarks>
internal sealed class OnceCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Lazy<TValue>> _entries = [];
    private readonly LinkedList<TKey> _recency = new();

    public TValue GetOrCreate(TKey key, Func<TValue> create)
    {
        Lazy<TValue> entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Lazy<TValue>(create, LazyThreadSafetyMode.ExecutionAndPublication);
                _entries[key] = entry;
                Evict();
            }

            _recency.Remove(key);
            _recency.AddFirst(key);
        }

        try
        {
            return entry.Value;
        }
        catch
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
                {
                    _entries.Remove(key);
                    _recency.Remove(key);
                }
            }

            throw;
        }
    }

    private void Evict()
    {
        while (_entries.Count > capacity && _recency.Last is { } oldest)
        {
            _entries.Remove(oldest.Value);
            _recency.RemoveLast();
        }
    }
}
