namespace HyperSearch.Sweeps;

/// <summary>
/// One string instance per metric or diagnostic name in a sweep's records. Every report arrives with
/// its own copies of "val_accuracy" and friends; Orleans' serializer writes a string instance it has
/// already written in the same record as a back-reference, so sharing the instances keeps a page of
/// trials (which repeats each name once per epoch) as small and quick to store as fixed fields were.
/// </summary>
internal sealed class MetricNameTable
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary><paramref name="metrics"/> with its names replaced by this table's instances.</summary>
    public EpochMetrics Share(EpochMetrics metrics) => metrics with
    {
        Values = Share(metrics.Values)!,
        Diagnostics = Share(metrics.Diagnostics),
    };

    private Dictionary<string, double>? Share(Dictionary<string, double>? figures)
    {
        if (figures is null)
        {
            return null;
        }

        var shared = new Dictionary<string, double>(figures.Count);
        foreach (var (name, value) in figures)
        {
            shared[Name(name)] = value;
        }

        return shared;
    }

    private string Name(string name)
    {
        if (!_names.TryGetValue(name, out var shared))
        {
            shared = name;
            _names[name] = shared;
        }

        return shared;
    }
}
