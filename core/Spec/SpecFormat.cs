using System.Globalization;

namespace HyperSearch.Spec;

/// <summary>How values appear in error messages: exact (round-trip) numbers, quoted words.</summary>
internal static class SpecFormat
{
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Value(ParamValue value) => value.Kind switch
    {
        ParamKind.Number => Number(value.Number),
        ParamKind.Text => $"'{value.Text}'",
        _ => value.ToString(),
    };

    public static string List(IEnumerable<string> items) => string.Join(", ", items);
}
