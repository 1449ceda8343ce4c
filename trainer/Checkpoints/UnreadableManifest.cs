using System.Text.Json;

namespace HyperSearch.Trainer.Checkpoints;

/// <summary>
/// What may be said about a manifest that could not be read. A silo reads manifests named by
/// clients, so the error must not carry anything of the file: <see cref="JsonException"/>'s message
/// quotes the offending text ("'r' is an invalid start of a value") and even its position tells
/// where valid JSON ends; an I/O message can tell a directory from a file. Only the kind is kept.
/// </summary>
public static class UnreadableManifest
{
    /// <summary>" (not valid JSON)" for a JSON error, "" for an I/O error.</summary>
    public static string Where(Exception error) => error is JsonException ? " (not valid JSON)" : "";
}
