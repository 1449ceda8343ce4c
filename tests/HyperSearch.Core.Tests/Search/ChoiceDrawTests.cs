using HyperSearch.Search;
using HyperSearch.Spec;
using static HyperSearch.Core.Tests.Search.SyntheticObjectives;

namespace HyperSearch.Core.Tests.Search;

/// <summary>Choices are drawn fairly at random, and TPE's prior keeps every option drawable.</summary>
public sealed class ChoiceDrawTests
{
    // Chi-square critical values at p = 0.001 for 2, 3 and 4 degrees of freedom.
    private static readonly Dictionary<int, double> Critical = new() { [2] = 13.82, [3] = 16.27, [4] = 18.47 };

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void RandomDraws_OfAChoice_AreUniform_AcrossSeedsAndTrials(int options)
    {
        var choice = Choice("c", Enumerable.Range(0, options).Select(i => $"o{i}").ToArray());
        ParameterSpec[] space = [LogUniform("lr", 1e-5, 1), choice];

        // Across seeds for one trial number (the first draw of each stream), and across trials of one seed.
        var acrossSeeds = Enumerable.Range(0, 3000).Select(seed => RandomSearcher.Draw(space, seed, 0)["c"].Text!);
        var acrossTrials = Enumerable.Range(0, 3000).Select(n => RandomSearcher.Draw(space, 42, n)["c"].Text!);

        foreach (var draws in new[] { acrossSeeds.ToList(), acrossTrials.ToList() })
        {
            double expected = draws.Count / (double)options;
            double chiSquare = choice.Options.Sum(o => Math.Pow(draws.Count(d => d == o.Text) - expected, 2) / expected);
            Assert.True(chiSquare < Critical[options - 1], $"chi-square {chiSquare:F2} with {options - 1} degrees of freedom");
        }
    }

    [Fact]
    public void TpePrior_KeepsEveryOptionDrawable()
    {
        var dimension = TpeDimension.For(Choice("c", "a", "b", "c"));

        // Thirty good results, every one with option a: b and c must still have mass and be drawn.
        var points = Enumerable.Range(0, 30).Select(_ => (new double[] { 0 }, 1.0)).ToList();
        var mixture = new ParzenMixture([dimension], points, multivariate: false);
        var random = new Random(1);
        var drawn = Enumerable.Range(0, 20_000).Select(_ => (int)mixture.Sample(random)[0]).ToList();

        Assert.All(new[] { 1.0, 2.0 }, option => Assert.True(double.IsFinite(mixture.LogDensity([option])) && mixture.LogDensity([option]) > Math.Log(0.005)));
        Assert.Contains(1, drawn);
        Assert.Contains(2, drawn);
    }
}
