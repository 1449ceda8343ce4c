using HyperSearch.Ensembles;
using HyperSearch.Silo.Ensembles;

namespace HyperSearch.Tests.Hardening;

/// <summary>Links planted in the artifact store: an ensemble manifest is written whole beside them, never through them.</summary>
public sealed class ArtifactLinkTests
{
    private static readonly EnsembleManifest Manifest = new(
        EnsembleManifest.CurrentFormat, "s1", "greedy", 2, [new EnsembleMemberReport("t0000", 1, "/nowhere")],
        new ScoreReport(0.9, 0.3), new ScoreReport(0.89, 0.31), "t0000", new ScoreReport(0.88, 0.32), DateTime.UnixEpoch);

    [Fact]
    public void Manifest_BesideAPlantedTemporaryLink_IsWrittenAndTheLinkTargetIsUntouched()
    {
        using var temp = new TempDirectory();
        var victim = temp.File("victim.txt", "not the silo's to write");
        var path = Path.Combine(temp.Path, "artifacts", "ensembles", "s1", "greedy-top2.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path + ".tmp", victim);

        Manifest.Write(path);

        Assert.Equal("not the silo's to write", File.ReadAllText(victim));
        Assert.Equal("s1", EnsembleManifest.Read(path).SweepId);
    }

    [Fact]
    public void Manifest_WhoseDirectoryIsAPlantedLink_IsRefused()
    {
        using var temp = new TempDirectory();
        var elsewhere = Directory.CreateDirectory(Path.Combine(temp.Path, "elsewhere")).FullName;
        Directory.CreateDirectory(Path.Combine(temp.Path, "artifacts", "ensembles"));
        Directory.CreateSymbolicLink(Path.Combine(temp.Path, "artifacts", "ensembles", "s1"), elsewhere);

        var refused = Assert.Throws<IOException>(() => Manifest.Write(Path.Combine(temp.Path, "artifacts", "ensembles", "s1", "greedy-top2.json")));

        Assert.Contains("symbolic link", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
    }
}
