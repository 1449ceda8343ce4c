using System.Globalization;
using System.Text.RegularExpressions;

namespace HyperSearch.Spec;

/// <summary>
/// Durations as the spec writes them: hours, minutes and seconds in that order, each optional,
/// whole numbers only (<c>90s</c>, <c>30m</c>, <c>2h</c>, <c>1h30m</c>). Kept this small on purpose:
/// one spelling per duration is easier to read in a shared spec than TimeSpan's many formats.
/// </summary>
public static partial class SpecDuration
{
    public const string Examples = "90s, 30m, 2h or 1h30m";

    /// <summary>Parses a positive duration; false for a bad format or zero.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = Pattern().Match(text);
        if (text.Length == 0 || !match.Success)
        {
            return false;
        }

        // At most nine digits per part, so the sum cannot overflow a long; TimeSpan's range is smaller.
        long seconds = (Part(match, "h") * 3600) + (Part(match, "m") * 60) + Part(match, "s");
        if (seconds <= 0 || seconds > (long)TimeSpan.MaxValue.TotalSeconds)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>The spec's spelling of a duration, rounded down to whole seconds.</summary>
    public static string Format(TimeSpan value)
    {
        long seconds = (long)value.TotalSeconds;
        string text = (seconds / 3600 > 0 ? $"{seconds / 3600}h" : "")
            + (seconds / 60 % 60 > 0 ? $"{seconds / 60 % 60}m" : "")
            + (seconds % 60 > 0 ? $"{seconds % 60}s" : "");
        return text.Length == 0 ? "0s" : text;
    }

    private static long Part(Match match, string unit) =>
        match.Groups[unit].Success ? long.Parse(match.Groups[unit].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<h>[0-9]{1,9})h)?(?:(?<m>[0-9]{1,9})m)?(?:(?<s>[0-9]{1,9})s)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
