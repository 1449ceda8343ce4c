using HyperSearch.Client.Cluster;
using HyperSearch.Silo.Hosting;
using HyperSearch.Spec;

namespace HyperSearch.Tests.Roots;

/// <summary>Which directories a standalone silo and the console's embedded silo may read.</summary>
public sealed class SiloRootsTests
{
    [Fact]
    public void StandaloneSilo_ReadsItsDataRootBuiltInDataArtifactsAndExtraRoots_Only()
    {
        using var temp = new TempDirectory();
        var settings = new SiloSettings
        {
            DataRoot = Path.Combine(temp.Path, "data"),
            ArtifactDirectory = Path.Combine(temp.Path, "artifacts"),
            ExtraRoots = $"{Path.Combine(temp.Path, "plugins")}{Path.PathSeparator}{Path.Combine(temp.Path, "scripts")}",
        };

        var roots = SiloRoots.From(settings);

        foreach (var allowed in new[] { "data/fmnist", "artifacts/s/trial-0001/attempt-1", "plugins/My.dll", "scripts/train.py" })
        {
            Assert.True(roots.Contains(Path.Combine(temp.Path, allowed)), allowed);
        }

        Assert.True(roots.Contains("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"));
        Assert.True(roots.Contains("/usr/share/datasets/mnist"));
        Assert.False(roots.Contains(Path.Combine(temp.Path, "data2")));
        Assert.False(roots.Contains(Path.Combine(temp.Path, "state")));
        Assert.False(roots.Contains("/usr/share/datasets"));
        Assert.False(roots.Contains("/etc/passwd"));
    }

    [Fact]
    public void EmbeddedSilo_ReadsTheDirectoriesTheSpecNames()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(temp.Path, "work"));
        var spec = SpecParser.Parse("""
            name: embedded
            trainer: { command: [sh, train.sh], workdir: work, metrics: [score] }
            budget: { trials: 1 }
            space:
              x: { value: 1 }
            """, new SpecParseOptions { BaseDirectory = temp.Path });

        var roots = EmbeddedRoots.ForSpec(Path.Combine(temp.Path, "sweep.yaml"), spec);

        Assert.Equal([temp.Path, Path.Combine(temp.Path, "work")], roots);
    }
}
