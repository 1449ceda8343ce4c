using System.Collections;
using System.Globalization;
using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Training;

/// <summary>
/// Typed access to a job's parameter values (double, long, string, bool or long[]), with messages
/// that name the parameter. Minimums are inclusive unless marked exclusive; a double's maximum is
/// exclusive (momentum, betas and dropout must stay below 1), an integer's inclusive.
/// </summary>
internal sealed class ParameterReader(IReadOnlyDictionary<string, object> parameters)
{
    /// <summary>A real within <paramref name="definition"/>'s bounds.</summary>
    public double Real(ParameterDefinition definition, double fallback) => Double(
        definition.Name,
        fallback,
        definition.Min ?? double.NegativeInfinity,
        minExclusive: !definition.MinInclusive,
        definition.Max ?? double.PositiveInfinity,
        definition.MaxInclusive);

    public long Integer(ParameterDefinition definition, long fallback) =>
        Integer(definition.Name, fallback, (long)(definition.Min ?? long.MinValue), (long)(definition.Max ?? long.MaxValue));

    public IReadOnlyList<long> Integers(ParameterDefinition definition, IReadOnlyList<long> fallback) =>
        Integers(definition.Name, fallback, (long)(definition.Min ?? long.MinValue), (long)(definition.Max ?? long.MaxValue));

    public string Choice(ParameterDefinition definition, string fallback) => Choice(definition.Name, fallback, definition.Words!);

    public bool Flag(ParameterDefinition definition, bool fallback) => Flag(definition.Name, fallback);

    public string WordOrFlag(ParameterDefinition definition, string fallback, string whenTrue, string whenFalse) =>
        WordOrFlag(definition.Name, fallback, definition.Words!, whenTrue, whenFalse);

    /// <param name="max">Exclusive upper bound (momentum, betas and dropout must stay below 1) unless <paramref name="maxInclusive"/>.</param>
    public double Double(
        string name, double fallback, double min, bool minExclusive = false, double max = double.PositiveInfinity, bool maxInclusive = false)
    {
        if (!parameters.TryGetValue(name, out var raw))
        {
            return fallback;
        }

        var value = raw switch
        {
            double x => x,
            float x => x,
            long x => x,
            int x => x,
            _ => throw Mistyped(name, "a number", raw),
        };
        if (!double.IsFinite(value) || value < min || (minExclusive && value == min) || value > max || (!maxInclusive && value == max))
        {
            var lower = minExclusive ? $"> {Format(min)}" : $">= {Format(min)}";
            var upper = double.IsPositiveInfinity(max) ? string.Empty : $" and {(maxInclusive ? "<=" : "<")} {Format(max)}";
            throw new InvalidTrainingConfigException($"{name} must be finite, {lower}{upper} (got {Format(value)})");
        }

        return value;
    }

    public long Integer(string name, long fallback, long min, long max) =>
        parameters.TryGetValue(name, out var raw) ? CheckInteger(name, ToInteger(name, raw), min, max) : fallback;

    public IReadOnlyList<long> Integers(string name, IReadOnlyList<long> fallback, long min, long max)
    {
        if (!parameters.TryGetValue(name, out var raw))
        {
            return fallback;
        }

        // A single number is a one-layer list; strings are enumerable but never a list of sizes.
        long[] values = raw switch
        {
            string => throw Mistyped(name, "a list of integers", raw),
            IEnumerable items => items.Cast<object>().Select(item => ToInteger(name, item)).ToArray(),
            _ => [ToInteger(name, raw)],
        };
        if (values.Length == 0)
        {
            throw new InvalidTrainingConfigException($"{name} must list at least one size");
        }

        return Array.ConvertAll(values, value => CheckInteger(name, value, min, max));
    }

    public string Choice(string name, string fallback, IReadOnlyList<string> allowed)
    {
        if (!parameters.TryGetValue(name, out var raw))
        {
            return fallback;
        }

        var value = raw as string ?? throw Mistyped(name, "a name", raw);
        var normalized = value.Trim().ToLowerInvariant();
        return allowed.Contains(normalized)
            ? normalized
            : throw new InvalidTrainingConfigException(
                $"{name}: unknown value '{value}' (expected one of: {string.Join(", ", allowed)})");
    }

    public bool Flag(string name, bool fallback)
    {
        if (!parameters.TryGetValue(name, out var raw))
        {
            return fallback;
        }

        return raw is bool value ? value : throw Mistyped(name, "true or false", raw);
    }

    /// <summary>A word from <paramref name="allowed"/>, or true/false meaning <paramref name="whenTrue"/>/<paramref name="whenFalse"/>.</summary>
    public string WordOrFlag(string name, string fallback, IReadOnlyList<string> allowed, string whenTrue, string whenFalse)
    {
        if (parameters.TryGetValue(name, out var raw) && raw is bool flag)
        {
            return flag ? whenTrue : whenFalse;
        }

        return Choice(name, fallback, allowed);
    }

    private static long ToInteger(string name, object raw) => raw switch
    {
        long x => x,
        int x => x,
        // A whole double (say 128.0 from a JSON number) is the integer it spells.
        double x when double.IsFinite(x) && Math.Floor(x) == x && Math.Abs(x) < 1e15 => (long)x,
        _ => throw Mistyped(name, "an integer", raw),
    };

    private static long CheckInteger(string name, long value, long min, long max) =>
        value >= min && value <= max
            ? value
            : throw new InvalidTrainingConfigException($"{name} must be an integer from {min} to {max} (got {value})");

    private static InvalidTrainingConfigException Mistyped(string name, string expected, object raw) =>
        new($"{name} must be {expected} (got {raw.GetType().Name} {Convert.ToString(raw, CultureInfo.InvariantCulture)})");

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
