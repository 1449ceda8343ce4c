using HyperSearch.Sdk;

namespace HyperSearch.Spec;

/// <summary>
/// What the spec accepts for one <c>space:</c> entry: the trainer's <see cref="ParameterDefinition"/>
/// when its schema declares one, or anything (a free-form parameter) when there is no schema to
/// check against. A value that passes here is not rejected when its trial starts.
/// </summary>
internal sealed class ParameterRules(string name, ParameterDefinition? definition)
{
    public string Name { get; } = name;

    /// <summary>Null for a free-form parameter.</summary>
    public ParameterDefinition? Definition { get; } = definition;

    public static ParameterRules Of(ParameterDefinition definition) => new(definition.Name, definition);

    public static ParameterRules FreeForm(string name) => new(name, null);

    /// <summary>The allowed interval as a user reads it: "&gt; 0", "&gt;= 1", "in [0, 1)"; null if unbounded.</summary>
    public string? RangeText => Definition is not { } d ? null : (d.Min, d.Max) switch
    {
        ({ } min, { } max) => $"in {(d.MinInclusive ? "[" : "(")}{SpecFormat.Number(min)}, {SpecFormat.Number(max)}{(d.MaxInclusive ? "]" : ")")}",
        ({ } min, null) => $"{(d.MinInclusive ? ">=" : ">")} {SpecFormat.Number(min)}",
        (null, { } max) => $"{(d.MaxInclusive ? "<=" : "<")} {SpecFormat.Number(max)}",
        _ => null,
    };

    /// <summary>Whether a range distribution (uniform, loguniform, int) can produce this parameter's values.</summary>
    public bool TakesRange(DistributionKind kind) => Definition is not { } d || kind switch
    {
        DistributionKind.Uniform or DistributionKind.LogUniform => d.Type == ParameterType.Real,
        DistributionKind.Int => d.Type == ParameterType.Integer,
        _ => true,
    };

    public bool InRange(double value) => Definition is not { } d
        || ((d.Min is not { } min || (d.MinInclusive ? value >= min : value > min))
            && (d.Max is not { } max || (d.MaxInclusive ? value <= max : value < max)));

    /// <summary>Whether a flat list of numbers in a condition is one value of this parameter (hidden: [512, 256]).</summary>
    public bool TakesLists => Definition?.Type == ParameterType.IntList;

    /// <summary>
    /// Widens a value to the parameter's type where the spec's typing was narrower: <c>1</c> for a real
    /// parameter becomes the number 1.0, <c>256</c> for a list parameter becomes <c>[256]</c>.
    /// </summary>
    public ParamValue Normalize(ParamValue value) => (Definition?.Type, value.Kind) switch
    {
        (ParameterType.Real, ParamKind.Integer) => ParamValue.Of(value.Number),
        (ParameterType.IntList, ParamKind.Integer) => ParamValue.OfList([(long)value.Number]),
        _ => value,
    };

    /// <summary>Why a (normalized) value is not accepted, or null when it is.</summary>
    public string? Check(ParamValue value)
    {
        if (Definition is not { } d)
        {
            return null;
        }

        string got = SpecFormat.Value(value);
        switch (d.Type)
        {
            case ParameterType.Real when value.Kind != ParamKind.Number:
                return $"{Name} takes a number, got {got}";
            case ParameterType.Integer when value.Kind != ParamKind.Integer:
                return $"{Name} takes a whole number, got {got}";
            case ParameterType.Real or ParameterType.Integer when !InRange(value.Number):
                return $"{Name} must be {RangeText}, got {got}";
            case ParameterType.Word when value.Kind != ParamKind.Text:
                return $"{Name} takes a word, got {got}";
            case ParameterType.Flag when value.Kind != ParamKind.Bool:
                return $"{Name} takes true or false, got {got}";
            case ParameterType.WordOrFlag when value.Kind is not (ParamKind.Text or ParamKind.Bool):
                return $"{Name} takes a word or true/false, got {got}";
            case ParameterType.IntList when value.Kind != ParamKind.IntList:
                return $"{Name} takes a list of whole numbers such as [512, 256], got {got}";
            case ParameterType.IntList when value.Items!.Any(item => !InRange(item)):
                return $"{Name} entries must be {RangeText}, got {got}";
        }

        if (d.Words is not null && value.Kind == ParamKind.Text && !d.Words.Contains(value.Text!, StringComparer.Ordinal))
        {
            return $"unknown {Name} '{value.Text}' (expected one of: {SpecFormat.List(d.Words)})";
        }

        return null;
    }

    /// <summary>Why a range bound is not accepted (<paramref name="which"/> is "lower" or "upper"), or null.</summary>
    public string? CheckBound(string which, double bound, string boundText) =>
        InRange(bound) ? null : $"{which} bound must be {RangeText}, got {boundText}";

    /// <summary>The distributions that fit this parameter, for "use ..." hints.</summary>
    public string Alternatives() => Definition?.Type switch
    {
        ParameterType.Real => "uniform, loguniform, choice or value",
        ParameterType.Integer => "int, choice or value",
        _ => "choice or value",
    };
}
