using HyperSearch.Ensembles;

namespace HyperSearch.Core.Tests.Ensembles;

/// <summary>Ensemble selection that does not collapse to one model (core/Ensembles/EnsembleSelector.cs, GreedyClimb.cs).</summary>
public sealed class GreedySelectionTests
{
    /// <summary>Two classes; each row's true class (0) gets the given probability.</summary>
    private static ProbabilityTable Table(params double[] truthProbabilities)
    {
        var values = new float[truthProbabilities.Length * 2];
        for (var row = 0; row < truthProbabilities.Length; row++)
        {
            values[row * 2] = (float)truthProbabilities[row];
            values[(row * 2) + 1] = (float)(1 - truthProbabilities[row]);
        }

        return new ProbabilityTable(values, truthProbabilities.Length, 2);
    }

    private static double[] Rows(double good, int goodRows, double bad, int badRows) =>
        [.. Enumerable.Repeat(good, goodRows), .. Enumerable.Repeat(bad, badRows)];

    private static int[] Labels(int rows) => new int[rows];

    private static double Nll(IEnumerable<double> truthProbabilities) => truthProbabilities.Average(p => -Math.Log(p));

    /// <summary>
    /// A strong model and a weak one that is right where the strong one is wrong: at 1:1, 2:1 and 3:1
    /// the mix is worse than the strong model alone, at 4:1 and beyond it is better. Selection that
    /// stops at the first step that helps nothing keeps the strong model alone.
    /// </summary>
    [Fact]
    public void Greedy_AddsAModelAtASmallShareWhereAHalfShareWouldHurt()
    {
        var strong = Rows(0.95, 18, 0.1, 2);
        var weak = Rows(0.5, 18, 0.9, 2);
        Assert.True(Nll(strong.Zip(weak, (s, w) => (s + w) / 2)) > Nll(strong)); // the premise: half a vote hurts

        var selection = EnsembleSelector.Greedy([new("weak", Table(weak)), new("strong", Table(strong))], Labels(20));

        var weights = selection.Members.ToDictionary(m => m.Id, m => m.Weight);
        Assert.Equal(2, weights.Count);
        Assert.InRange(weights["weak"], 0.05, 0.25);
        Assert.True(selection.Validation.NegativeLogLikelihood < Nll(strong) - 0.01, $"ensemble {selection.Validation.NegativeLogLikelihood} vs strong alone {Nll(strong)}");
        var expected = Nll(strong.Zip(weak, (s, w) => (weights["strong"] * s) + (weights["weak"] * w)));
        Assert.Equal(expected, selection.Validation.NegativeLogLikelihood, 5);
    }

    [Fact]
    public void Greedy_SortedInitialisation_StartsFromTheBestFewWhoseAverageIsBest()
    {
        var a = new EnsembleCandidate("a", Table(Rows(0.9, 5, 0.4, 5)));
        var b = new EnsembleCandidate("b", Table(Rows(0.4, 5, 0.9, 5)));
        var poor = new EnsembleCandidate("poor", Table(Rows(0.3, 10, 0.3, 0)));

        // Steps: 1 stops at the initial ensemble, so it shows what sorted initialisation chose.
        var sorted = EnsembleSelector.Greedy([poor, a, b], Labels(10), new SelectionSettings(SortedInit: 3, Steps: 1));
        var single = EnsembleSelector.Greedy([poor, a, b], Labels(10), new SelectionSettings(SortedInit: 1, Steps: 1));

        Assert.Equal([("a", 0.5), ("b", 0.5)], sorted.Members.Select(m => (m.Id, m.Weight)));
        Assert.Equal([("a", 1.0)], single.Members.Select(m => (m.Id, m.Weight)));
    }

    [Fact]
    public void Greedy_MinimumMembers_AddsASecondMemberAndReportsWhatItCost()
    {
        var best = new EnsembleCandidate("best", Table(Rows(0.95, 10, 0, 0)));
        var worse = new EnsembleCandidate("worse", Table(Rows(0.6, 10, 0, 0)));

        var free = EnsembleSelector.Greedy([worse, best], Labels(10));
        var forced = EnsembleSelector.Greedy([worse, best], Labels(10), new SelectionSettings(MinMembers: 2));

        Assert.Single(free.Members);
        Assert.Null(free.UnconstrainedValidationNll);
        Assert.Equal(["best", "worse"], forced.Members.Select(m => m.Id).Order());
        Assert.True(forced.Members.Single(m => m.Id == "worse").Weight < 0.1, "the forced member gets the smallest share selection can give it");
        Assert.Equal(-Math.Log(0.95), forced.UnconstrainedValidationNll!.Value, 5);
        Assert.True(forced.Validation.NegativeLogLikelihood > forced.UnconstrainedValidationNll);
    }

    [Fact]
    public void Greedy_ReportsWhyEachCandidateIsInOrOut()
    {
        var a = new EnsembleCandidate("a", Table(Rows(0.9, 5, 0.4, 5)));
        var b = new EnsembleCandidate("b", Table(Rows(0.4, 5, 0.9, 5)));
        var wrong = new EnsembleCandidate("wrong", Table(Rows(0.05, 10, 0, 0)));

        var selection = EnsembleSelector.Greedy([a, wrong, b], Labels(10));

        // a and b at 1:1 give the true class 0.65 on every row; any other mix or addition is worse.
        Assert.Equal(-Math.Log(0.65), selection.Validation.NegativeLogLikelihood, 5);
        Assert.Equal(["a", "wrong", "b"], selection.Candidates.Select(c => c.Id));
        var left = selection.Candidates[1];
        Assert.False(left.IsMember);
        Assert.Equal((0.0, -Math.Log(0.05)), (left.Validation.Accuracy, Math.Round(left.Validation.NegativeLogLikelihood, 5)), new ToleranceComparer());
        // Its best share is the smallest selection could give it, 1/51 after 50 steps: still worse than leaving it out.
        Assert.Equal(1.0 / 51, left.AddedShare!.Value, 9);
        Assert.Equal(-Math.Log((50.0 / 51 * 0.65) + (1.0 / 51 * 0.05)), left.EnsembleNllIfAdded!.Value, 5);
        Assert.True(left.EnsembleNllIfAdded > selection.Validation.NegativeLogLikelihood);
        Assert.Equal(["a", "b"], selection.Candidates.Where(c => c.IsMember).Select(c => c.Id));
        foreach (var member in selection.Candidates.Where(c => c.IsMember))
        {
            Assert.Equal(0.5, member.Weight, 9);
            Assert.Null(member.EnsembleNllIfAdded);
            Assert.Equal(Nll(Rows(0.9, 5, 0.4, 5)), member.EnsembleNllIfRemoved!.Value, 5); // the other one alone
        }
    }

    private sealed class ToleranceComparer : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) < 1e-5 && Math.Abs(x.Item2 - y.Item2) < 1e-5;

        public int GetHashCode((double, double) obj) => 0;
    }

    [Fact]
    public void Greedy_Bagged_SpreadsTheVoteOverEqualModelsAndIsRepeatable()
    {
        // Four copies of one model: unbagged selection keeps the first; each bag keeps the first of its draw.
        var copies = Enumerable.Range(0, 4).Select(i => new EnsembleCandidate($"m{i}", Table(Rows(0.8, 6, 0.3, 4)))).ToList();

        var plain = EnsembleSelector.Greedy(copies, Labels(10));
        var bagged = EnsembleSelector.Greedy(copies, Labels(10), new SelectionSettings(Bags: 20, Seed: 7));
        var again = EnsembleSelector.Greedy(copies, Labels(10), new SelectionSettings(Bags: 20, Seed: 7));

        Assert.Equal([("m0", 1.0)], plain.Members.Select(m => (m.Id, m.Weight)));
        Assert.True(bagged.Members.Count >= 3, $"members: {string.Join(", ", bagged.Members)}");
        Assert.Equal(1.0, bagged.Members.Sum(m => m.Weight), 9);
        Assert.Equal(bagged.Members, again.Members);
        Assert.Equal(Nll(Rows(0.8, 6, 0.3, 4)), bagged.Validation.NegativeLogLikelihood, 5);
    }

    [Fact]
    public void Greedy_RejectsSettingsOutOfRange() =>
        Assert.Throws<ArgumentException>(() =>
            EnsembleSelector.Greedy([new EnsembleCandidate("a", Table(0.9))], Labels(1), new SelectionSettings(MinMembers: 0)));
}
