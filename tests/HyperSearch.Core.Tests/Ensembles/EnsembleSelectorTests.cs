using HyperSearch.Ensembles;

namespace HyperSearch.Core.Tests.Ensembles;

public sealed class EnsembleSelectorTests
{
    /// <summary>Rows whose true class gets probability p; the rest is spread over the other classes.</summary>
    private static ProbabilityTable Table(int classes, params double[] truthProbabilities)
    {
        var values = new float[truthProbabilities.Length * classes];
        for (var row = 0; row < truthProbabilities.Length; row++)
        {
            for (var c = 0; c < classes; c++)
            {
                values[(row * classes) + c] = (float)(c == 0 ? truthProbabilities[row] : (1 - truthProbabilities[row]) / (classes - 1));
            }
        }

        return new ProbabilityTable(values, truthProbabilities.Length, classes);
    }

    private static int[] Labels(int rows) => new int[rows]; // every true class is 0

    private static double[] Repeat(double value, int count) => Enumerable.Repeat(value, count).ToArray();

    [Fact]
    public void Greedy_FindsTheKnownBestSubsetAndLeavesTheBadModelOut()
    {
        const double Uniform = 1.0 / 3;
        var a = new EnsembleCandidate("a", Table(3, [.. Repeat(0.9, 5), .. Repeat(Uniform, 5)]));
        var b = new EnsembleCandidate("b", Table(3, [.. Repeat(Uniform, 5), .. Repeat(0.9, 5)]));
        var wrong = new EnsembleCandidate("wrong", Table(3, Repeat(0.1, 10)));

        var selection = EnsembleSelector.Greedy([wrong, a, b], Labels(10));

        Assert.Equal([("a", 0.5), ("b", 0.5)], selection.Members.Select(m => (m.Id, m.Weight)).OrderBy(m => m.Id));
        Assert.Equal(-Math.Log((0.9 + Uniform) / 2), selection.Validation.NegativeLogLikelihood, 6);
    }

    [Fact]
    public void Greedy_RepeatsAMemberWhenThatHelps()
    {
        // Weighting a:b as 3:1 beats 1:1, 2:1 and 4:1 on this validation set (worked by hand); fifty
        // steps of selection find a weighting near it that is at least as good (35:12 here).
        var a = new EnsembleCandidate("a", Table(2, [.. Repeat(0.9, 8), .. Repeat(0.05, 2)]));
        var b = new EnsembleCandidate("b", Table(2, [.. Repeat(0.3, 8), .. Repeat(0.9, 2)]));

        var selection = EnsembleSelector.Greedy([a, b], Labels(10));

        Assert.Equal(["a", "b"], selection.Members.Select(m => m.Id));
        Assert.InRange(selection.Members[0].Weight, 0.7, 0.8);
        var threeToOne = ((8 * -Math.Log((3 * 0.9 + 0.3) / 4)) + (2 * -Math.Log((3 * 0.05 + 0.9) / 4))) / 10;
        Assert.True(selection.Validation.NegativeLogLikelihood <= threeToOne + 1e-6); // the tables hold float32
        var w = selection.Members[0].Weight;
        var expected = ((8 * -Math.Log((w * 0.9) + ((1 - w) * 0.3))) + (2 * -Math.Log((w * 0.05) + ((1 - w) * 0.9)))) / 10;
        Assert.Equal(expected, selection.Validation.NegativeLogLikelihood, 5);
    }

    [Fact]
    public void Greedy_StopsAtTheBestSingleModelWhenNothingHelps()
    {
        var best = new EnsembleCandidate("best", Table(2, Repeat(0.95, 10)));
        var worse = new EnsembleCandidate("worse", Table(2, Repeat(0.6, 10)));

        var selection = EnsembleSelector.Greedy([worse, best], Labels(10));

        var member = Assert.Single(selection.Members);
        Assert.Equal(("best", 1.0), (member.Id, member.Weight));
    }

    [Fact]
    public void Greedy_RespectsTheStepLimit()
    {
        var a = new EnsembleCandidate("a", Table(2, [.. Repeat(0.9, 8), .. Repeat(0.05, 2)]));
        var b = new EnsembleCandidate("b", Table(2, [.. Repeat(0.3, 8), .. Repeat(0.9, 2)]));

        var selection = EnsembleSelector.Greedy([a, b], Labels(10), new SelectionSettings(Steps: 2));

        Assert.Equal([0.5, 0.5], selection.Members.Select(m => m.Weight));
    }

    [Fact]
    public void Average_WeighsTheTopKEqually()
    {
        var candidates = new[]
        {
            new EnsembleCandidate("t1", Table(2, Repeat(0.9, 4))),
            new EnsembleCandidate("t2", Table(2, Repeat(0.7, 4))),
            new EnsembleCandidate("t3", Table(2, Repeat(0.1, 4))),
        };

        var selection = EnsembleSelector.Average(candidates, topK: 2, Labels(4));

        Assert.Equal([("t1", 0.5), ("t2", 0.5)], selection.Members.Select(m => (m.Id, m.Weight)));
        Assert.Equal(-Math.Log(0.8), selection.Validation.NegativeLogLikelihood, 6);
        Assert.Equal(1.0, selection.Validation.Accuracy);
    }

    [Fact]
    public void Score_CountsArgmaxHitsAndClampsTheLog()
    {
        double[] probabilities = [0.7, 0.3, /* row 2 */ 0.0, 1.0];

        var score = EnsembleScore.Of(probabilities, classes: 2, labels: [0, 0]);

        Assert.Equal(0.5, score.Accuracy);
        Assert.Equal((-Math.Log(0.7) - Math.Log(EnsembleScore.MinProbability)) / 2, score.NegativeLogLikelihood, 9);
    }

    [Fact]
    public void WeightedAverage_NormalizesWeightsAndRejectsMismatchedShapes()
    {
        var a = Table(2, 1.0);
        var b = Table(2, 0.0);

        Assert.Equal([0.75, 0.25], WeightedAverage.Combine([a, b], [3, 1]));
        Assert.Throws<ArgumentException>(() => WeightedAverage.Combine([a, Table(3, 0.5)], [1, 1]));
    }
}
