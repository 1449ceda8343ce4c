using System.Globalization;

namespace HyperSearch.Sdk;

/// <summary>
/// A trial's parameter values: <see cref="double"/> for reals, <see cref="long"/> for integers,
/// <see cref="string"/> for words, <see cref="bool"/> for flags and <c>long[]</c> for integer lists.
/// Parameters the space leaves out are absent: the getters return the caller's default then.
/// </summary>
public sealed class TrialParameters(IReadOnlyDictionary<string, object> values)
{
    public IReadOnlyDictionary<string, object> Values { get; } = values;

    public bool Has(string name) => Values.ContainsKey(name);

    public double Real(string name, double fallback) => Values.TryGetValue(name, out var value)
        ? value switch
        {
            double d => d,
            long l => l,
            int i => i,
            _ => throw Mistyped(name, "a number", value),
        }
        : fallback;

    public long Integer(string name, long fallback) => Values.TryGetValue(name, out var value)
        ? value switch
        {
            long l => l,
            int i => i,
            double d when Math.Floor(d) == d => (long)d,
            _ => throw Mistyped(name, "a whole number", value),
        }
        : fallback;

    public string Word(string name, string fallback) => Values.TryGetValue(name, out var value)
        ? value as string ?? throw Mistyped(name, "a word", value)
        : fallback;

    public bool Flag(string name, bool fallback) => Values.TryGetValue(name, out var value)
        ? value as bool? ?? throw Mistyped(name, "true or false", value)
        : fallback;

    public IReadOnlyList<long> Integers(string name, IReadOnlyList<long> fallback) => Values.TryGetValue(name, out var value)
        ? value switch
        {
            long[] list => list,
            long l => [l],
            _ => throw Mistyped(name, "a list of whole numbers", value),
        }
        : fallback;

    private static TrialConfigurationException Mistyped(string name, string expected, object value) =>
        new($"{name} must be {expected} (got {Convert.ToString(value, CultureInfo.InvariantCulture)})");
}
