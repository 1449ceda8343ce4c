namespace HyperSearch.Sdk;

/// <summary>
/// One parameter a trainer accepts: the kind of value, the allowed words (null when any word is
/// accepted) and, for numbers and list entries, the allowed interval. A value the spec lets through
/// must not be rejected by the trainer when its trial starts.
/// </summary>
public sealed record class ParameterDefinition(
    string Name,
    ParameterType Type,
    IReadOnlyList<string>? Words = null,
    double? Min = null,
    bool MinInclusive = true,
    double? Max = null,
    bool MaxInclusive = false)
{
    /// <summary>What it does, for help text and the plugin template.</summary>
    public string? Description { get; init; }

    /// <param name="min">Lower bound (inclusive unless <paramref name="minInclusive"/> is false).</param>
    /// <param name="max">Upper bound (exclusive unless <paramref name="maxInclusive"/>).</param>
    public static ParameterDefinition Real(string name, double? min = null, double? max = null, bool minInclusive = true, bool maxInclusive = false) =>
        new(name, ParameterType.Real, null, min, minInclusive, max, maxInclusive);

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static ParameterDefinition Integer(string name, long? min = null, long? max = null) =>
        new(name, ParameterType.Integer, null, min, true, max, true);

    public static ParameterDefinition Word(string name, params string[] words) => new(name, ParameterType.Word, words);

    public static ParameterDefinition Flag(string name) => new(name, ParameterType.Flag);

    /// <summary>A list of whole numbers, each in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static ParameterDefinition IntList(string name, long? min = null, long? max = null) =>
        new(name, ParameterType.IntList, null, min, true, max, true);
}
