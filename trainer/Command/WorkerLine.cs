using System.Text.Json;
using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Command;

/// <summary>Reads the lines a persistent worker writes (the README's "Persistent workers" protocol).</summary>
internal static class WorkerLine
{
    /// <param name="epoch">A report's epoch and metrics; null for any other line.</param>
    public static WorkerLineKind Parse(string line, out EpochResult? epoch)
    {
        epoch = null;
        var text = line.TrimStart();
        if (!text.StartsWith('{') || !text.Contains("\"type\"", StringComparison.Ordinal))
        {
            return WorkerLineKind.Log;
        }

        string? type;
        try
        {
            using var document = JsonDocument.Parse(text);
            type = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var value)
                && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return WorkerLineKind.Log;
        }

        return type switch
        {
            "report" when ReportLine.TryParse(text, out epoch) => WorkerLineKind.Report,
            "end" => WorkerLineKind.End,
            _ => WorkerLineKind.Log,
        };
    }
}
