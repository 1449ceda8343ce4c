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
    public override string ToString() => $"{Path}: {Message}";
}
