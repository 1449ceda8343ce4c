namespace HyperSearch.Sdk;

/// <summary>
/// The data sets the built-in toolbox reads, by the names a spec gives them, and where their files
/// are when a spec names no path. In the SDK because both sides read them and neither may know the
/// other: the spec parser (core) checks names and fills in paths, the toolbox (trainer, which knows
/// no Orleans) loads the files.
/// </summary>
public static class BuiltInDataSets
{
    public const string FashionMnist = "fashion-mnist";
    public const string Mnist = "mnist";
    public const string Cifar10 = "cifar10";

    /// <summary>Generated in memory: it has no files, so no path.</summary>
    public const string Synthetic = "synthetic";

    /// <summary>Every name, in the order the spec contract documents them.</summary>
    public static IReadOnlyList<string> Names { get; } = [FashionMnist, Mnist, Cifar10, Synthetic];

    /// <summary>Where Debian's dataset packages put each data set; cifar10 has no package, synthetic no files.</summary>
    public static IReadOnlyDictionary<string, string> DefaultPaths { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FashionMnist] = "/usr/share/datasets/fashion-mnist",
        [Mnist] = "/usr/share/datasets/mnist",
    };

    /// <summary>Where a data set's files are when a spec names no path; null when it has no default (cifar10 must be named).</summary>
    public static string? DefaultPath(string name) => DefaultPaths.GetValueOrDefault(name);
}
