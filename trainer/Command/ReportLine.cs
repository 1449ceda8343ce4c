using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Command;

/// <summary>
/// The metrics protocol of command trials: a stdout line of <c>name=value</c> pairs that includes
/// <c>epoch=N</c> (<c>epoch=3 val_accuracy=0.912 val_loss=0.251</c>), or a JSON object with an
/// <c>"epoch"</c> key and numeric values, is one epoch's report. Any other line is log output.
/// </summary>
public static class ReportLine
{
    /// <summary>Whether <paramref name="line"/> is a report; if so, the epoch and its metrics.</summary>
    public static bool TryParse(string line, [NotNullWhen(true)] out EpochResult? epoch)
    {
        epoch = null;
        var text = line.Trim();
        var metrics = text.StartsWith('{') ? FromJson(text) : FromPairs(text);
        if (metrics is null || !metrics.Remove("epoch", out var number) || number < 1 || number != Math.Floor(number) || number > int.MaxValue)
        {
            return false;
        }

        epoch = new EpochResult((int)number, metrics);
        return true;
    }

    /// <summary>Every token a <c>name=value</c> pair with a number (nan and inf included), or null.</summary>
    private static Dictionary<string, double>? FromPairs(string text)
    {
        var metrics = new Dictionary<string, double>();
        foreach (var token in text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = token.IndexOf('=');
            if (equals <= 0 || !TryNumber(token[(equals + 1)..], out var value))
            {
                return null;
            }

            metrics[token[..equals]] = value;
        }

        return metrics.Count == 0 ? null : metrics;
    }

    /// <summary>The numeric members of a JSON object (others are ignored), or null when it is not one.</summary>
    private static Dictionary<string, double>? FromJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var metrics = new Dictionary<string, double>();
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (TerminalText.Clean(member.Name) != member.Name)
                {
                    continue; // a name with escapes (\u001b) that decoding brought back: never shown anywhere
                }

                if (member.Value.ValueKind == JsonValueKind.Number)
                {
                    metrics[member.Name] = member.Value.GetDouble();
                }
                else if (member.Value.ValueKind == JsonValueKind.String && TryNumber(member.Value.GetString()!, out var special))
                {
                    metrics[member.Name] = special; // "NaN", "inf": JSON has no literal for them
                }
            }

            return metrics;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryNumber(string text, out double value)
    {
        switch (text.ToLowerInvariant())
        {
            case "nan":
                value = double.NaN;
                return true;
            case "inf" or "+inf" or "infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
