using HyperSearch.Analysis;

namespace HyperSearch.Core.Tests;

public sealed class ParameterImportanceTests
{
    [Fact]
    public void Compute_OneParameterAloneDrivesTheObjective_GetsNearlyAllTheImportance()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 300).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToArray();
        // Only the second feature matters, through a bump (not monotone), with a little noise.
        var targets = rows.Select(r => Math.Exp(-20 * Math.Pow(r[1] - 0.6, 2)) + (0.01 * random.NextDouble())).ToArray();

        var importance = ParameterImportance.Compute(rows, targets);

        Assert.True(importance[1] > 0.8, $"driving parameter: {importance[1]}");
        Assert.True(importance[0] < 0.05, $"noise parameter 0: {importance[0]}");
        Assert.True(importance[2] < 0.05, $"noise parameter 2: {importance[2]}");
    }

    [Fact]
    public void Compute_TwoParametersWithDifferentWeights_RanksThemByWeight()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 400).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToArray();
        var targets = rows.Select(r => (3 * r[0]) + r[1]).ToArray();

        var importance = ParameterImportance.Compute(rows, targets);

        // Variance shares of 3x and x over uniform inputs: 0.9 and 0.1.
        Assert.InRange(importance[0], 0.75, 1.0);
        Assert.InRange(importance[1], 0.03, 0.2);
    }

    [Fact]
    public void Compute_ConstantObjective_GivesZeros()
    {
        var rows = Enumerable.Range(0, 20).Select(i => new[] { (double)i }).ToArray();

        Assert.Equal([0.0], ParameterImportance.Compute(rows, rows.Select(_ => 0.5).ToArray()));
    }
}
