namespace HyperSearch.Spec;

/// <summary>What <see cref="SpecParser"/> needs from its surroundings, injectable so tests stay hermetic.</summary>
public sealed record class SpecParseOptions
{
    public static SpecParseOptions Default { get; } = new();

    /// <summary>
    /// Where relative <c>data.path</c>s start. <see cref="SpecParser.ParseFile(string)"/> sets it to
    /// the spec file's directory; null means the current directory.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Whether a data directory exists (the check behind "data.path: directory not found").</summary>
    public Func<string, bool> DirectoryExists { get; init; } = Directory.Exists;

    /// <summary>
    /// Reject strategies and schedulers that have no implementation yet (the default). Off only for
    /// tools that read a spec without running it.
    /// </summary>
    public bool RequireAvailableStrategies { get; init; } = true;

    /// <summary>
    /// Where the schema of the spec's trainer comes from (the silo's trainers and plugins). Null: no
    /// schema, so parameter names, values and metric names are not checked (tools that only read a spec).
    /// </summary>
    public ITrainerSchemas? Trainers { get; init; }

    /// <summary>A path from the spec, made absolute against <see cref="BaseDirectory"/>.</summary>
    /// <exception cref="SpecException">The path holds a NUL character, which no file system path can.</exception>
    public string ResolvePath(string path) => path.Contains('\0', StringComparison.Ordinal)
        ? throw new SpecException(SpecError.Bounded("SPEC", $"a path in the spec holds a NUL character: \"{path.Replace("\0", "\\0", StringComparison.Ordinal)}\""))
        : Path.GetFullPath(path, BaseDirectory ?? Environment.CurrentDirectory);
}
