using System.Globalization;
using System.Text.Json.Nodes;

namespace HyperSearch.Spec;

/// <summary>The kind of value a hyperparameter takes.</summary>
public enum ParamKind
{
    Number,
    Integer,
    Text,
    Bool,
    IntList,
}

/// <summary>
/// One hyperparameter value: a number, an integer, a word, a flag or a list of integers
/// (layer widths such as <c>[512, 256]</c>). Immutable and wire-stable.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.ParamValue")]
public sealed record class ParamValue(
    [property: Id(0)] ParamKind Kind,
    [property: Id(1)] double Number,
    [property: Id(2)] string? Text,
    [property: Id(3)] long[]? Items)
{
    public static ParamValue Of(double value) => new(ParamKind.Number, value, null, null);

    public static ParamValue OfInteger(long value) => new(ParamKind.Integer, value, null, null);

    public static ParamValue Of(string value) => new(ParamKind.Text, 0, value, null);

    public static ParamValue Of(bool value) => new(ParamKind.Bool, value ? 1 : 0, null, null);

    public static ParamValue OfList(IEnumerable<long> items) => new(ParamKind.IntList, 0, null, items.ToArray());

    public bool IsNumeric => Kind is ParamKind.Number or ParamKind.Integer;

    /// <summary>The value as a plain CLR object: double, long, string, bool or long[].</summary>
    public object ToObject() => Kind switch
    {
        ParamKind.Number => Number,
        ParamKind.Integer => (long)Number,
        ParamKind.Text => Text!,
        ParamKind.Bool => Number != 0,
        ParamKind.IntList => Items!.ToArray(),
        _ => throw new InvalidOperationException($"unknown kind {Kind}"),
    };

    public JsonNode ToJson() => Kind switch
    {
        ParamKind.Number => JsonValue.Create(Number),
        ParamKind.Integer => JsonValue.Create((long)Number),
        ParamKind.Text => JsonValue.Create(Text!),
        ParamKind.Bool => JsonValue.Create(Number != 0),
        ParamKind.IntList => new JsonArray(Items!.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
        _ => throw new InvalidOperationException($"unknown kind {Kind}"),
    };

    /// <summary>Value equality that compares list items, which the record's default does not.</summary>
    public bool SameAs(ParamValue other) =>
        Kind == other.Kind && Number.Equals(other.Number) && Text == other.Text
        && (Items is null ? other.Items is null : other.Items is not null && Items.SequenceEqual(other.Items));

    public override string ToString() => Kind switch
    {
        ParamKind.Number => Number.ToString("G4", CultureInfo.InvariantCulture),
        ParamKind.Integer => ((long)Number).ToString(CultureInfo.InvariantCulture),
        ParamKind.Text => Text!,
        ParamKind.Bool => Number != 0 ? "true" : "false",
        ParamKind.IntList => "[" + string.Join(",", Items!) + "]",
        _ => "?",
    };
}
