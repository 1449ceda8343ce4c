using HyperSearch.Paths;

namespace HyperSearch.Core.Tests.Paths;

/// <summary>The path rule of every silo read: under a root after links and .. are resolved, or refused the same way.</summary>
public sealed class AllowedRootsTests : IDisposable
{
    // Resolved, so expected paths compare equal where the temp directory itself lies behind a link.
    private readonly string _scratch = AllowedRoots.Resolve(Directory.CreateTempSubdirectory("hypersearch-roots-").FullName)!;

    public AllowedRootsTests()
    {
        Directory.CreateDirectory(Path.Combine(_scratch, "data", "mnist"));
        Directory.CreateDirectory(Path.Combine(_scratch, "data2"));
        Directory.CreateDirectory(Path.Combine(_scratch, "outside"));
        File.WriteAllText(Path.Combine(_scratch, "outside", "secret"), "root:x:0:0");
    }

    private AllowedRoots Roots => new([Path.Combine(_scratch, "data")]);

    [Fact]
    public void Path_UnderARoot_IsAllowedAndResolved()
    {
        var inside = Path.Combine(_scratch, "data", "mnist", ".", "train.gz");

        Assert.Equal(Path.Combine(_scratch, "data", "mnist", "train.gz"), Roots.Require(inside));
        Assert.True(Roots.Contains(Path.Combine(_scratch, "data")));
    }

    [Fact]
    public void SiblingWithTheRootAsPrefix_IsNotUnderIt()
    {
        Assert.False(Roots.Contains(Path.Combine(_scratch, "data2")));
        Assert.False(Roots.Contains(Path.Combine(_scratch, "data2", "x")));
    }

    [Fact]
    public void DotDot_OutOfTheRoot_IsRefused()
    {
        Assert.False(Roots.Contains(Path.Combine(_scratch, "data", "..", "outside", "secret")));
        Assert.False(Roots.Contains(Path.Combine(_scratch, "data", "mnist", "..", "..", "..", "..", "etc", "passwd")));
        Assert.True(Roots.Contains(Path.Combine(_scratch, "data", "mnist", "..", "x")));
    }

    [Fact]
    public void SymlinkInsideARoot_PointingOutside_IsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_scratch, "data", "file-link"), Path.Combine(_scratch, "outside", "secret"));
        Directory.CreateSymbolicLink(Path.Combine(_scratch, "data", "dir-link"), Path.Combine(_scratch, "outside"));

        Assert.False(Roots.Contains(Path.Combine(_scratch, "data", "file-link")));
        Assert.False(Roots.Contains(Path.Combine(_scratch, "data", "dir-link")));
        Assert.False(Roots.Contains(Path.Combine(_scratch, "data", "dir-link", "secret")));
        Assert.False(Roots.Contains(Path.Combine(_scratch, "data", "dir-link", "not-there-yet")));
    }

    [Fact]
    public void DotDot_AfterALink_LeavesFromTheLinksTarget()
    {
        // The kernel resolves data/dir-link/.. to the target's parent (the scratch directory), not to data/.
        Directory.CreateSymbolicLink(Path.Combine(_scratch, "data", "dir-link"), Path.Combine(_scratch, "outside"));

        Assert.False(Roots.Contains(Path.Combine(_scratch, "data", "dir-link", "..", "data2")));
        Assert.Equal(Path.Combine(_scratch, "data2"), AllowedRoots.Resolve(Path.Combine(_scratch, "data", "dir-link", "..", "data2")));
    }

    [Fact]
    public void RelativeLinkInsideTheRoot_StaysAllowed()
    {
        Directory.CreateSymbolicLink(Path.Combine(_scratch, "data", "latest"), "mnist");

        Assert.Equal(Path.Combine(_scratch, "data", "mnist", "t10k.gz"), Roots.Require(Path.Combine(_scratch, "data", "latest", "t10k.gz")));
    }

    [Fact]
    public void RootGivenThroughALink_AllowsWhatItPointsTo()
    {
        var link = Path.Combine(_scratch, "data-link");
        Directory.CreateSymbolicLink(link, Path.Combine(_scratch, "data"));

        var roots = new AllowedRoots([link]);

        Assert.True(roots.Contains(Path.Combine(_scratch, "data", "mnist")));
        Assert.True(roots.Contains(Path.Combine(link, "mnist")));
        Assert.False(roots.Contains(Path.Combine(_scratch, "outside")));
    }

    [Fact]
    public void LinkLoop_IsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_scratch, "data", "a"), Path.Combine(_scratch, "data", "b"));
        File.CreateSymbolicLink(Path.Combine(_scratch, "data", "b"), Path.Combine(_scratch, "data", "a"));

        Assert.False(Roots.Contains(Path.Combine(_scratch, "data", "a")));
    }

    [Fact]
    public void RefusalOfAnExistingAndAMissingFile_SaysTheSame()
    {
        var existing = Assert.Throws<PathOutsideRootsException>(() => Roots.Require(Path.Combine(_scratch, "outside", "secret")));
        var missing = Assert.Throws<PathOutsideRootsException>(() => Roots.Require(Path.Combine(_scratch, "outside", "absent")));

        Assert.Equal($"path is outside this silo's allowed roots: {Path.Combine(_scratch, "outside", "secret")}", existing.Message);
        Assert.Equal(existing.Message.Replace("secret", "absent", StringComparison.Ordinal), missing.Message);
        Assert.DoesNotContain("root:x", existing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyOrNulPaths_AreRefused()
    {
        Assert.False(Roots.Contains(""));
        Assert.False(Roots.Contains(Path.Combine(_scratch, "data") + "\0/x"));
    }

    [Fact]
    public void Everywhere_AllowsAnyAbsolutePath()
    {
        Assert.True(AllowedRoots.Everywhere.Contains("/etc/passwd"));
        Assert.True(AllowedRoots.Everywhere.Contains(Path.Combine(_scratch, "outside", "secret")));
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
