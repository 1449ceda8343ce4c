using HyperSearch.Core.Tests.Layout;
using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Core.Tests;

/// <summary>The specs the repository ships must stay valid as the rules grow.</summary>
public sealed class ExampleSpecTests
{
    [Fact]
    public void Quickstart_ParsesAndDrawsTrials()
    {
        string file = Path.Combine(RepoRoot.Path, "examples", "quickstart.yaml");

        var spec = SpecParser.ParseFile(file, TestSpecs.AllDirectoriesExist);
        var trial = SearcherFactory.Create(spec).Suggest(0).Parameters;

        Assert.Equal("fmnist-quick", spec.Name);
        Assert.NotNull(trial);
        Assert.Contains("lr", trial.Keys);
        // The quick start's ensemble keeps at least two members (its best trial alone is no ensemble).
        Assert.Equal(2, spec.Ensemble!.Selection!.MinMembers);
    }

    [Fact]
    public void Snapshots_ParsesWithRestartsAndThreeSnapshots()
    {
        var spec = SpecParser.ParseFile(Path.Combine(RepoRoot.Path, "examples", "snapshots.yaml"), TestSpecs.AllDirectoriesExist);

        Assert.Equal(3, spec.Ensemble!.Snapshots);
        Assert.Equal("cosine_restarts", spec.Space.Single(p => p.Name == "lr_schedule").Options[0].Text);
    }
}
