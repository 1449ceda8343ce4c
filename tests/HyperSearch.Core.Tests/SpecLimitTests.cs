using HyperSearch.Spec;

namespace HyperSearch.Core.Tests;

/// <summary>Unbounded inputs have bounds (<see cref="SpecLimits"/>), and errors stay short whatever the spec quotes.</summary>
public sealed class SpecLimitTests
{
    [Theory]
    [InlineData("{ trials: 1000001 }", "budget.trials: must be at most 1000000, got 1000001")]
    [InlineData("{ trials: 4, max_epochs: 2000000 }", "budget.max_epochs: must be at most 1000000, got 2000000")]
    [InlineData("{ trials: 4, parallelism: 100001 }", "budget.parallelism: must be at most 100000, got 100001")]
    public void Budget_HasUpperBounds(string budget, string expected)
    {
        Assert.Equal([expected], TestSpecs.Errors(TestSpecs.Minimal(budget: budget)));
    }

    [Fact]
    public void GridPoints_HaveAnUpperBound()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(extra: "search: { strategy: grid, grid_points: 100000000 }"));

        Assert.Equal(["search.grid_points: must be at most 1000, got 100000000"], errors);
    }

    [Fact]
    public void GridPoints_AtTheBound_AreAccepted()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(extra: "search: { strategy: grid, grid_points: 1000 }"));

        Assert.Equal(SpecLimits.GridPoints, spec.Search.GridPoints);
    }

    [Fact]
    public void Name_HasALengthBound()
    {
        var yaml = TestSpecs.Minimal().Replace("name: ", "name: " + new string('n', 101) + "x", StringComparison.Ordinal);

        var errors = TestSpecs.Errors(yaml);

        Assert.Contains(errors, e => e.StartsWith("name: at most 100 characters, got ", StringComparison.Ordinal));
    }

    [Fact]
    public void AHugeQuotedValue_IsCutShortInItsError()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(space: "lr: " + new string('x', 5_000)));

        var error = Assert.Single(errors);
        Assert.StartsWith("space.lr: ", error, StringComparison.Ordinal);
        Assert.True(error.Length < 2 * SpecError.MaxLength, $"{error.Length} characters");
        Assert.Contains("(5000 characters)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAliasWithoutAnAnchor_IsASyntaxError()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(budget: "*nowhere"));

        Assert.Contains(errors, e => e.Contains("anchor", StringComparison.Ordinal));
    }

    [Fact]
    public void AnOversizedSpec_IsRefusedBeforeParsing()
    {
        var yaml = TestSpecs.Minimal() + "\n# " + new string('#', SpecLimits.FileBytes);

        var errors = TestSpecs.Errors(yaml);

        Assert.Contains(errors, e => e.StartsWith("SPEC: ", StringComparison.Ordinal) && e.Contains("at most", StringComparison.Ordinal));
    }
}
