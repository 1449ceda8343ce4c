namespace HyperSearch.Paths;

/// <summary>
/// A path a silo was asked to read lies outside its <see cref="AllowedRoots"/>. The message names the
/// path only as it was given and is the same whether or not a file is there, so a client that reaches
/// a gateway cannot use the refusal to learn what exists on the silo's machine. A user error.
/// </summary>
[GenerateSerializer, Alias("HyperSearch.PathOutsideRootsException")]
public sealed class PathOutsideRootsException : Exception
{
    public PathOutsideRootsException(string path)
        : base(MessageFor(path))
    {
        Path = path;
    }

    /// <summary>The path as the request named it (not resolved: resolving it would tell where its links lead).</summary>
    [Id(0)]
    public string Path { get; }

    public static string MessageFor(string path) => $"path is outside this silo's allowed roots: {path}";
}
