namespace HyperSearch.Paths;

/// <summary>
/// The directories a silo may read: a path is allowed when, with <c>.</c>, <c>..</c> and every symbolic
/// link of it and of its parents resolved as the kernel would, it is one of the roots or lies below one.
/// Roots are compared with a trailing separator, so <c>/data2</c> is not under <c>/data</c>. Callers
/// open the path <see cref="Require"/> returns (already resolved), not the one they were given, so a
/// <c>..</c> after a link cannot lead somewhere else than what was checked.
/// </summary>
public sealed class AllowedRoots
{
    // Linux gives up after 40 links (ELOOP); a loop is refused the same way as a path outside.
    private const int MaxLinks = 40;

    private readonly string[] _roots;

    /// <param name="roots">Absolute directories, or relative to the working directory; links in them are resolved too.</param>
    public AllowedRoots(IEnumerable<string> roots)
    {
        _roots = roots
            .Where(root => !string.IsNullOrWhiteSpace(root))
            .Select(root => Resolve(root) ?? throw new ArgumentException($"root {root}: too many symbolic links", nameof(roots)))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// Every path: for a process that reads with its own user's rights on that user's behalf (the
    /// console checking a spec before it submits it), where there is no boundary to keep.
    /// </summary>
    public static AllowedRoots Everywhere { get; } = new([Path.GetPathRoot(Environment.CurrentDirectory)!]);

    /// <summary>The roots, resolved.</summary>
    public IReadOnlyList<string> Roots => _roots;

    /// <summary>Whether <paramref name="path"/> (absolute, or relative to the working directory) lies under a root.</summary>
    public bool Contains(string path) => Find(path) is not null;

    /// <summary>The resolved path to open.</summary>
    /// <exception cref="PathOutsideRootsException">It lies outside every root (or its links loop).</exception>
    public string Require(string path) => Find(path) ?? throw new PathOutsideRootsException(path);

    private string? Find(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var resolved = Resolve(path);
        return resolved is not null && _roots.Any(root => IsUnder(resolved, root)) ? resolved : null;
    }

    private static bool IsUnder(string path, string root)
    {
        var withSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        return path == root || path.StartsWith(withSeparator, StringComparison.Ordinal);
    }

    /// <summary>
    /// The path with <c>.</c>, <c>..</c> and links resolved one component at a time, left to right (as
    /// the kernel walks it: <c>link/..</c> is the parent of the link's target, not the link's parent).
    /// Components that do not exist are kept as written. Null when links loop.
    /// </summary>
    public static string? Resolve(string path)
    {
        var absolute = Path.IsPathRooted(path) ? path : Path.Combine(Environment.CurrentDirectory, path);
        var root = Path.GetPathRoot(absolute)!;
        var pending = new Stack<string>(Components(absolute[root.Length..]).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part is "." or "")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var candidate = Join(root, resolved, part);
            if (LinkTarget(candidate) is not { } target)
            {
                resolved.Add(part);
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                root = Path.GetPathRoot(target)!;
                resolved.Clear();
                target = target[root.Length..];
            }

            foreach (var next in Components(target).Reverse())
            {
                pending.Push(next);
            }
        }

        return Join(root, resolved, null);
    }

    private static IEnumerable<string> Components(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    private static string Join(string root, List<string> parts, string? last) =>
        root + string.Join(Path.DirectorySeparatorChar, last is null ? parts : parts.Append(last));

    /// <summary>Where a link points, as written in it; null when the path is not a link, is missing or cannot be inspected.</summary>
    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
