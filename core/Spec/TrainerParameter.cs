namespace HyperSearch.Spec;

/// <summary>
/// What the trainer accepts for one parameter: the kind of value, the allowed words (null when any
/// word is accepted) and, for numbers, the allowed interval. The spec checks values against this so
/// a typo fails at submit time rather than in the first trial.
/// </summary>
public sealed record class TrainerParameter(
    string Name,
    TrainerValueType Type,
    IReadOnlyList<string>? Words = null,
    double? Min = null,
    bool MinInclusive = true,
    double? Max = null,
    bool MaxInclusive = false)
{
    /// <summary>The allowed interval as a user reads it: "&gt; 0", "&gt;= 1", "in [0, 1)"; null if unbounded.</summary>
    public string? RangeText => (Min, Max) switch
    {
        ({ } min, { } max) => $"in {(MinInclusive ? "[" : "(")}{SpecFormat.Number(min)}, {SpecFormat.Number(max)}{(MaxInclusive ? "]" : ")")}",
        ({ } min, null) => $"{(MinInclusive ? ">=" : ">")} {SpecFormat.Number(min)}",
        (null, { } max) => $"{(MaxInclusive ? "<=" : "<")} {SpecFormat.Number(max)}",
        _ => null,
    };

    /// <summary>Whether a range distribution (uniform, loguniform, int) can produce this parameter's values.</summary>
    public bool TakesRange(DistributionKind kind) => kind switch
    {
        DistributionKind.Uniform or DistributionKind.LogUniform => Type == TrainerValueType.Real,
        DistributionKind.Int => Type == TrainerValueType.Integer,
        _ => true,
    };

    public bool InRange(double value) =>
        (Min is not { } min || (MinInclusive ? value >= min : value > min))
        && (Max is not { } max || (MaxInclusive ? value <= max : value < max));

    /// <summary>
    /// Widens a value to the parameter's type where the spec's typing was narrower: <c>1</c> for a real
    /// parameter becomes the number 1.0, <c>256</c> for a list parameter becomes <c>[256]</c>.
    /// </summary>
    public ParamValue Normalize(ParamValue value) => (Type, value.Kind) switch
    {
        (TrainerValueType.Real, ParamKind.Integer) => ParamValue.Of(value.Number),
        (TrainerValueType.IntList, ParamKind.Integer) => ParamValue.OfList([(long)value.Number]),
        _ => value,
    };

    /// <summary>Why a (normalized) value is not accepted, or null when it is.</summary>
    public string? Check(ParamValue value)
    {
        string got = SpecFormat.Value(value);
        switch (Type)
        {
            case TrainerValueType.Real when value.Kind != ParamKind.Number:
                return $"{Name} takes a number, got {got}";
            case TrainerValueType.Integer when value.Kind != ParamKind.Integer:
                return $"{Name} takes a whole number, got {got}";
            case TrainerValueType.Real or TrainerValueType.Integer when !InRange(value.Number):
                return $"{Name} must be {RangeText}, got {got}";
            case TrainerValueType.Word when value.Kind != ParamKind.Text:
                return $"{Name} takes a word, got {got}";
            case TrainerValueType.Flag when value.Kind != ParamKind.Bool:
                return $"{Name} takes true or false, got {got}";
            case TrainerValueType.WordOrFlag when value.Kind is not (ParamKind.Text or ParamKind.Bool):
                return $"{Name} takes a word or true/false, got {got}";
            case TrainerValueType.IntList when value.Kind != ParamKind.IntList:
                return $"{Name} takes a list of whole numbers such as [512, 256], got {got}";
            case TrainerValueType.IntList when value.Items!.Any(item => !InRange(item)):
                return $"{Name} entries must be {RangeText}, got {got}";
        }

        if (Words is not null && value.Kind == ParamKind.Text && !Words.Contains(value.Text!, StringComparer.Ordinal))
        {
            return $"unknown {Name} '{value.Text}' (expected one of: {SpecFormat.List(Words)})";
        }

        return null;
    }

    /// <summary>Why a range bound is not accepted (<paramref name="which"/> is "lower" or "upper"), or null.</summary>
    public string? CheckBound(string which, double bound, string boundText) =>
        InRange(bound) ? null : $"{which} bound must be {RangeText}, got {boundText}";
}
