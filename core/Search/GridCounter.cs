using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Counts the configurations of a conditional grid without listing them. The count below
/// parameter i depends only on the values already chosen for the parameters that later
/// conditions name, so it is memoized on those: a space with a few conditions costs a few
/// table entries, however large its grid.
/// </summary>
internal sealed class GridCounter
{
    private readonly ParamValue[][] _values;

    // Per parameter: for each of its conditions, the index of the parameter it names (-1: none
    // earlier, never holds) and which of that parameter's grid values satisfy it.
    private readonly (int Parent, bool[] Allowed)[][] _conditions;

    // Per level: the earlier parameters whose chosen values the count from that level depends on.
    private readonly int[][] _relevant;
    private readonly Dictionary<string, long> _memo = new(StringComparer.Ordinal);

    public GridCounter(ParameterSpec[] space, ParamValue[][] values)
    {
        _values = values;
        _conditions = space.Select((parameter, level) => parameter.When
            .Select(condition =>
            {
                int parent = Array.FindIndex(space, 0, level, p => p.Name == condition.Parameter);
                bool[] allowed = parent < 0
                    ? []
                    : values[parent].Select(v => condition.Values.Any(c => c.SameAs(v))).ToArray();
                return (parent, allowed);
            })
            .ToArray())
            .ToArray();
        _relevant = Enumerable.Range(0, space.Length + 1)
            .Select(level => _conditions.Skip(level)
                .SelectMany(conditions => conditions.Select(c => c.Parent))
                .Where(parent => parent >= 0 && parent < level)
                .Distinct()
                .Order()
                .ToArray())
            .ToArray();
    }

    /// <summary>Whether parameter <paramref name="level"/> is active given the earlier choices (-1: inactive).</summary>
    public bool IsActive(int level, int[] chosen) =>
        _conditions[level].All(c => c.Parent >= 0 && chosen[c.Parent] >= 0 && c.Allowed[chosen[c.Parent]]);

    /// <summary>
    /// How many ways the parameters from <paramref name="level"/> on can be completed, given the
    /// choices before it. Leaves <paramref name="chosen"/> as it found it from that level on.
    /// </summary>
    public long CountFrom(int level, int[] chosen)
    {
        if (level == _values.Length)
        {
            return 1;
        }

        string key = level + ":" + string.Join(",", _relevant[level].Select(parent => chosen[parent]));
        if (_memo.TryGetValue(key, out long known))
        {
            return known;
        }

        long total = 0;
        if (IsActive(level, chosen))
        {
            for (int v = 0; v < _values[level].Length; v++)
            {
                chosen[level] = v;
                total = SaturatingAdd(total, CountFrom(level + 1, chosen));
            }
        }
        else
        {
            total = CountFrom(level + 1, chosen);
        }

        chosen[level] = -1;
        _memo[key] = total;
        return total;
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
