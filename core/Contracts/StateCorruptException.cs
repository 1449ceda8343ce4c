namespace HyperSearch.Contracts;

/// <summary>
/// Stored state that exists but cannot be read: every copy fails its check (a bad hash, cut short,
/// a payload that does not deserialize). Never read as absent, which would silently start the
/// record over (a sweep would rerun its finished trials). Serializable so that it reaches a client
/// with its type; the console prints its message as one line (exit code 2).
/// </summary>
[GenerateSerializer, Alias("HyperSearch.StateCorruptException")]
public sealed class StateCorruptException(string path, string message) : Exception(message)
{
    /// <summary>The file (or files, as a pattern) that could not be read.</summary>
    [Id(0)]
    public string Path { get; } = path;
}
