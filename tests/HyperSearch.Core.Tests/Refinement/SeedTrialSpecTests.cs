using HyperSearch.Core.Tests.Layout;
using HyperSearch.Spec;

namespace HyperSearch.Core.Tests.Refinement;

/// <summary><c>seed_trials:</c> and <c>warm_start:</c> as the parser reads and checks them.</summary>
public sealed class SeedTrialSpecTests
{
    private const string Space = """
        lr: { loguniform: [1.0e-4, 1.0e-1] }
        optimizer: { choice: [sgd, momentum, adam] }
        momentum: { uniform: [0.5, 0.99], when: { optimizer: [momentum] } }
        hidden: { choice: [[64], [128, 64]] }
        activation: { value: relu }
        """;

    [Fact]
    public void SeedTrials_AreReadInTheSpacesOwnForm_FixedValuesFilledIn()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(space: Space, extra: """
            seed_trials:
              - { lr: 1.0e-3, optimizer: adam, hidden: [64] }
              - { lr: 0.01, optimizer: momentum, momentum: 0.9, hidden: [128, 64] }
            warm_start: { sweeps: [earlier-1, earlier-2, earlier-1] }
            """));

        Assert.Equal(2, spec.SeedTrials!.Length);
        var first = spec.SeedTrials[0].Parameters;
        Assert.Equal(["lr", "optimizer", "hidden", "activation"], first.Keys);
        Assert.Equal("relu", first["activation"].Text);
        Assert.Equal(ParamKind.IntList, first["hidden"].Kind);
        Assert.Equal(0.9, spec.SeedTrials[1].Parameters["momentum"].Number);
        Assert.Equal(["earlier-1", "earlier-2"], spec.WarmStart!.Sweeps);
    }

    [Theory]
    [InlineData("- { lr: 0.5, optimizer: adam, hidden: [64] }", "seed_trials[0]: outside the space: lr: 0.5 is outside [0.0001, 0.1]")]
    [InlineData("- { lr: 0.001, optimizer: adamw, hidden: [64] }", "seed_trials[0]: outside the space: optimizer: adamw is outside the options [sgd, momentum, adam]")]
    [InlineData("- { lr: 0.001, optimizer: adam, momentum: 0.9, hidden: [64] }", "seed_trials[0]: outside the space: momentum: given, but its condition does not hold (optimizer in [momentum])")]
    [InlineData("- { lr: 0.001, optimizer: momentum, hidden: [64] }", "seed_trials[0]: outside the space: momentum: missing (active when optimizer in [momentum])")]
    [InlineData("- { lr: 0.001, optimizer: adam, hidden: [64], depth: 3 }", "seed_trials[0]: outside the space: depth: not a parameter of this space")]
    [InlineData("- adam", "seed_trials[0]: expected a mapping")]
    public void BadSeedTrial_IsOneErrorNamingTheEntry(string entry, string expected)
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(space: Space, extra: "seed_trials:\n  " + entry));

        Assert.StartsWith(expected, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void MoreSeedsThanTrials_AndAnEmptyWarmStart_AreErrors()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(space: "lr: { loguniform: [1.0e-4, 1.0e-1] }", budget: "{ trials: 1 }", extra: """
            seed_trials: [{ lr: 0.001 }, { lr: 0.002 }]
            warm_start: { sweeps: [] }
            """));

        Assert.Contains(errors, e => e.StartsWith("seed_trials: 2 configurations, but budget.trials is 1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("warm_start.sweeps: expected a non-empty list", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadmeSpecExample_WithItsWarmStartAndSeed_Parses()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot.Path, "README.md"));
        int section = readme.IndexOf("## Sweep spec", StringComparison.Ordinal);
        int start = readme.IndexOf("```yaml\n", section, StringComparison.Ordinal) + "```yaml\n".Length;
        var yaml = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        var spec = SpecParser.Parse(yaml, TestSpecs.Lenient);

        Assert.Single(spec.WarmStart!.Sweeps);
        Assert.Equal("cnn", Assert.Single(spec.SeedTrials!).Parameters["model"].Text);
    }

    [Fact]
    public void SeedsAndWarmStart_RoundTripThroughTheWriter()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(space: Space, extra: """
            seed_trials: [{ lr: 1.0e-3, optimizer: adam, hidden: [64] }]
            warm_start: { sweeps: [earlier-1] }
            """));

        var again = TestSpecs.Parse(SpecYamlWriter.Write(spec));

        Assert.Equal(["earlier-1"], again.WarmStart!.Sweeps);
        var seed = Assert.Single(again.SeedTrials!).Parameters;
        Assert.All(spec.SeedTrials![0].Parameters, p => Assert.True(p.Value.SameAs(seed[p.Key]), p.Key));
    }
}
