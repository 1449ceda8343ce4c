using System.Text.RegularExpressions;

namespace HyperSearch.Core.Tests.Layout;

/// <summary>
/// Keeps the product's files small enough to read in one sitting: a file that grows past its limit
/// has taken on a second job and is split by purpose. Read from the working tree, so a new file is
/// held to the same limits without being listed here.
/// </summary>
public sealed partial class SourceLayoutTests
{
    /// <summary>Lines a product source file may have.</summary>
    public const int ProductFileLimit = 500;

    /// <summary>Lines the sweep book's facade and each of its parts may have.</summary>
    public const int SweepBookPartLimit = 300;

    private static readonly string[] ProductFolders = ["core", "sdk", "sdk-torchsharp", "silo", "trainer", "client", "explorer"];

    [Fact]
    public void ProductFiles_StayWithinTheirLineLimit()
    {
        var tooLong = ProductSources().Where(file => LineCount(file) > ProductFileLimit).Select(Describe).ToList();

        Assert.True(tooLong.Count == 0, $"over {ProductFileLimit} lines: {string.Join(", ", tooLong)}");
    }

    [Fact]
    public void SweepBookParts_StayWithinTheirLineLimit()
    {
        var parts = Directory.GetFiles(Path.Combine(RepoRoot.Path, "core", "Sweeps", "Book"), "*.cs")
            .Append(Path.Combine(RepoRoot.Path, "core", "Sweeps", "SweepBook.cs"))
            .ToList();
        var tooLong = parts.Where(file => LineCount(file) > SweepBookPartLimit).Select(Describe).ToList();

        Assert.True(parts.Count > 1, "the sweep book's parts were not found");
        Assert.True(tooLong.Count == 0, $"over {SweepBookPartLimit} lines: {string.Join(", ", tooLong)}");
    }

    [Fact]
    public void ProductComments_CiteNoIssueNumbers()
    {
        var citing = ProductSources()
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => l.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && IssueCitation().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(RepoRoot.Path, l.file)}:{l.number}")
            .ToList();

        Assert.True(citing.Count == 0, $"comments citing issues (the reason belongs in the comment, the history in docs/design.md): {string.Join(", ", citing)}");
    }

    private static IEnumerable<string> ProductSources() =>
        ProductFolders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !IsBuildOutput(file));

    private static bool IsBuildOutput(string file) =>
        Path.GetRelativePath(RepoRoot.Path, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    private static int LineCount(string file) => File.ReadLines(file).Count();

    private static string Describe(string file) => $"{Path.GetRelativePath(RepoRoot.Path, file)} ({LineCount(file)})";

    // The word "issue" or "issues" followed by a number, or a bare hash and number after a space or a bracket.
    [GeneratedRegex(@"\bissues?\s+#?\d+|(^|[\s(])#\d+\b", RegexOptions.IgnoreCase)]
    private static partial Regex IssueCitation();
}
