namespace HyperSearch.Spec;

/// <summary>
/// One problem found in a sweep spec. <see cref="Path"/> names the key that holds the problem
/// (<c>space.lr.loguniform</c>) so a user can find it without reading the parser.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.SpecError")]
public sealed record class SpecError(
    [property: Id(0)] string Path,
    [property: Id(1)] string Message)
{
    /// <summary>Longest path or message kept: both may quote the spec, and a pasted blob must not become a page of output.</summary>
    public const int MaxLength = 240;

    public override string ToString() => $"{Path}: {Message}";

    /// <summary>An error whose path and message are cut to <see cref="MaxLength"/> characters.</summary>
    public static SpecError Bounded(string path, string message) => new(Cut(path), Cut(message));

    private static string Cut(string text) => text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "...");
}
