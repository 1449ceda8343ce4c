using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Core.Tests;

public sealed class GridSearcherTests
{
    private const string SmallSpace = """
        optimizer: { choice: [sgd, momentum] }
        lr: { loguniform: [1.0e-3, 1.0e-1] }
        momentum: { choice: [0.5, 0.9], when: { optimizer: momentum } }
        """;

    [Fact]
    public void SmallSpace_HasTheExpectedConfigurationsInOrder()
    {
        var spec = TestSpecs.WithSpace(SmallSpace, "{ strategy: grid }");
        var grid = new GridSearcher(spec);

        // sgd x 3 lrs = 3, momentum x 3 lrs x 2 momenta = 6.
        Assert.Equal(9, grid.Size);
        Assert.Equal(9, GridSearcher.Count(spec));
        string[] expected =
        [
            "optimizer=sgd lr=0.001",
            "optimizer=sgd lr=0.01",
            "optimizer=sgd lr=0.1",
            "optimizer=momentum lr=0.001 momentum=0.5",
            "optimizer=momentum lr=0.001 momentum=0.9",
            "optimizer=momentum lr=0.01 momentum=0.5",
            "optimizer=momentum lr=0.01 momentum=0.9",
            "optimizer=momentum lr=0.1 momentum=0.5",
            "optimizer=momentum lr=0.1 momentum=0.9",
        ];
        Assert.Equal(expected, Enumerable.Range(0, 9).Select(n => Describe(grid.Suggest(n).Parameters!)));
    }

    [Fact]
    public void PastTheEnd_ReturnsNull()
    {
        var grid = new GridSearcher(TestSpecs.WithSpace(SmallSpace, "{ strategy: grid }"));

        Assert.Equal(SuggestionKind.Proposed, grid.Suggest(8).Kind);
        Assert.Equal(SuggestionKind.Exhausted, grid.Suggest(9).Kind);
        Assert.Equal(SuggestionKind.Exhausted, grid.Suggest(1000).Kind);
    }

    [Fact]
    public void ConditionalParameters_GiveNoDuplicateConfigurations()
    {
        var spec = SpecParser.Parse(TestSpecs.DesignExample, TestSpecs.Lenient) with
        {
            Search = new SearchSpec(SearchStrategy.Grid, 0, 2, 3, 3),
        };
        var grid = new GridSearcher(spec);

        var all = Enumerable.Range(0, (int)grid.Size).Select(n => Describe(grid.Suggest(n).Parameters!)).ToArray();

        // lr 2 x wd 2 x (4 optimizers + 2 with momentum 2) x batch 3 x (cnn + mlp x 2 hidden) x act 1 x dropout 2.
        Assert.Equal(2 * 2 * (4 + (2 * 2)) * 3 * (1 + 2) * 1 * 2, grid.Size);
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.All(all, c => Assert.Equal(c.Contains("optimizer=momentum") || c.Contains("optimizer=nesterov"), c.Contains("momentum=0.")));
        Assert.All(all, c => Assert.Equal(c.Contains("model=mlp"), c.Contains("hidden=")));
    }

    [Fact]
    public void Ranges_AreSpacedEvenlyWithEnds()
    {
        var uniform = GridValues.For(Range(DistributionKind.Uniform, 0.0, 0.5), 3);
        var log = GridValues.For(Range(DistributionKind.LogUniform, 1e-5, 1e-1), 5);

        Assert.Equal([0.0, 0.25, 0.5], uniform.Select(v => v.Number));
        Assert.Equal([1e-5, 1e-4, 1e-3, 1e-2, 1e-1], log.Select(v => v.Number));
    }

    [Fact]
    public void IntRange_IsWholeWhenSmallAndSpacedWhenLarge()
    {
        var small = GridValues.For(Range(DistributionKind.Int, 3, 5), 3);
        var large = GridValues.For(Range(DistributionKind.Int, 1, 10), 4);

        Assert.Equal([3L, 4L, 5L], small.Select(v => (long)v.ToObject()));
        Assert.Equal([1L, 4L, 7L, 10L], large.Select(v => (long)v.ToObject()));
    }

    [Fact]
    public void LargeGrid_IsCountedWithoutBeingListed()
    {
        var space = Enumerable.Range(0, 19)
            .Select(i => new ParameterSpec($"p{i}", DistributionKind.Uniform, 0, 1, [], []))
            .ToArray();
        var grid = new GridSearcher(space, gridPoints: 10);

        Assert.Equal(long.MaxValue, grid.Size);
        Assert.Equal(SuggestionKind.Proposed, grid.Suggest(int.MaxValue).Kind);
    }

    [Fact]
    public void Trial_CanBeAskedForInAnyOrder()
    {
        var grid = new GridSearcher(TestSpecs.WithSpace(SmallSpace, "{ strategy: grid }"));
        var again = new GridSearcher(TestSpecs.WithSpace(SmallSpace, "{ strategy: grid }"));

        string late = Describe(grid.Suggest(7).Parameters!);

        Assert.Equal(Describe(again.Suggest(7).Parameters!), late);
        Assert.Equal("optimizer=sgd lr=0.001", Describe(grid.Suggest(0).Parameters!));
    }

    private static ParameterSpec Range(DistributionKind kind, double low, double high) => new("x", kind, low, high, [], []);

    private static string Describe(IReadOnlyDictionary<string, ParamValue> configuration) =>
        string.Join(" ", configuration.Select(p => $"{p.Key}={p.Value}"));
}
