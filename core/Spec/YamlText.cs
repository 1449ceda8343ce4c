using System.Globalization;

namespace HyperSearch.Spec;

/// <summary>Scalars as <see cref="SpecYamlWriter"/> writes them, so that <see cref="SpecParser"/> reads back the same values and kinds.</summary>
internal static class YamlText
{
    /// <summary>A double-quoted string: always read back as text, whatever it holds.</summary>
    public static string Quoted(string text)
    {
        var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
        return $"\"{escaped}\"";
    }

    /// <summary>A bound of a range: the shortest text that reads back as the same double.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A number that must read back as a number, not a whole number (2.0, not 2).</summary>
    public static string Fractional(double value)
    {
        string text = Number(value);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Value(ParamValue value) => value.Kind switch
    {
        ParamKind.Number => Fractional(value.Number),
        ParamKind.Integer => Integer((long)value.Number),
        ParamKind.Text => Quoted(value.Text!),
        ParamKind.Bool => Bool(value.Number != 0),
        ParamKind.IntList => "[" + string.Join(", ", value.Items!.Select(Integer)) + "]",
        _ => throw new InvalidOperationException($"unknown kind {value.Kind}"),
    };

    public static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";
}
