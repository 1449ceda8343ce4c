using HyperSearch.Search;
using HyperSearch.Spec;
using static HyperSearch.Core.Tests.Search.SyntheticObjectives;

namespace HyperSearch.Core.Tests.Search;

public sealed class CoarseToFineSearcherTests
{
    [Fact]
    public void RoundPlan_SplitsTrialsEvenlyWithTheRemainderLast()
    {
        var plan = new RoundPlan(trials: 11, rounds: 3);

        Assert.Equal([0, 3, 6], Enumerable.Range(0, 3).Select(plan.FirstTrial));
        Assert.Equal([3, 3, 5], Enumerable.Range(0, 3).Select(plan.TrialCount));
        Assert.Equal([0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2], Enumerable.Range(0, 12).Select(plan.RoundOf));
        Assert.Equal(2, new RoundPlan(trials: 2, rounds: 5).Rounds);
    }

    [Fact]
    public void NextRound_WaitsUntilEveryTrialOfTheRoundIsObserved()
    {
        var searcher = new CoarseToFineSearcher([LogUniform("lr", 1e-6, 1)], seed: 1, trials: 6, rounds: 2, topK: 2);
        var first = Enumerable.Range(0, 3).Select(n => searcher.Suggest(n)).ToList();

        Assert.All(first, s => Assert.Equal(SuggestionKind.Proposed, s.Kind));
        Assert.Equal(SuggestionKind.Wait, searcher.Suggest(3).Kind);

        searcher.Observe(new TrialObservation(0, first[0].Parameters!, 0.5, 1));
        searcher.Observe(new TrialObservation(2, first[2].Parameters!, 0.7, 1));
        Assert.Equal(SuggestionKind.Wait, searcher.Suggest(3).Kind);

        // A failed trial carries no verdict but still ends its round.
        searcher.Observe(new TrialObservation(1, first[1].Parameters!, null, 0));
        Assert.Equal(SuggestionKind.Proposed, searcher.Suggest(3).Kind);
        Assert.Equal(2, searcher.Rounds.Count);
    }

    [Fact]
    public void Ranges_NarrowAroundAKnownOptimum()
    {
        var searcher = new CoarseToFineSearcher([LogUniform("lr", 1e-6, 1)], seed: 5, trials: 30, rounds: 3, topK: 3);

        var results = Run(searcher, 30, LogPeak(1e-3));

        var last = searcher.Rounds[^1].Space.Single();
        Assert.Equal(3, searcher.Rounds.Count);
        Assert.InRange(1e-3, last.Low, last.High);
        Assert.True(Math.Log10(last.High / last.Low) < 2.5, $"last round [{last.Low}, {last.High}] is still wide");
        Assert.All(searcher.Rounds, round => Assert.Empty(round.Widened));
        var best = results.MaxBy(r => r.Objective).Parameters["lr"].Number;
        Assert.InRange(best, 1e-3 / 2, 1e-3 * 2);

        // Later rounds sample closer to the optimum than round 1 did.
        double MeanRegret(IEnumerable<(IReadOnlyDictionary<string, ParamValue> Parameters, double Objective)> round) => round.Average(r => -r.Objective);
        Assert.True(MeanRegret(results.Skip(20)) < MeanRegret(results.Take(10)) / 4);
    }

    [Fact]
    public void Ranges_WidenTowardAnOptimumBeyondTheDeclaredRange()
    {
        var searcher = new CoarseToFineSearcher([LogUniform("lr", 1e-6, 1e-3)], seed: 3, trials: 60, rounds: 3, topK: 3);

        var results = Run(searcher, 60, LogPeak(1e-1));

        var widened = searcher.Rounds.SelectMany(r => r.Widened).ToList();
        Assert.NotEmpty(widened);
        Assert.All(widened, w => Assert.True(w.Upward));
        Assert.Contains(widened, w => w.BeyondDeclared);
        Assert.True(searcher.Rounds[^1].Space.Single().High > 1e-3);
        Assert.True(results.MaxBy(r => r.Objective).Parameters["lr"].Number > 1e-3);
    }

    [Fact]
    public void Widening_StopsAtWhatTheTrainerAccepts()
    {
        // dropout must stay below 1 (the bound the spec copied from the trainer's schema): the range approaches it without reaching it.
        var dropout = Uniform("dropout", 0.1, 0.9) with { Bounds = new ParameterBounds(0, MinInclusive: true, 1, MaxInclusive: false) };
        var searcher = new CoarseToFineSearcher([dropout], seed: 2, trials: 40, rounds: 4, topK: 2);

        Run(searcher, 40, p => p["dropout"].Number);

        var highs = searcher.Rounds.Select(r => r.Space.Single().High).ToList();
        Assert.True(highs[^1] > 0.9);
        Assert.All(highs, high => Assert.True(high < 1));
    }

    [Fact]
    public void IntsStayWholeAndChoicesNarrowToWhatTheTopTrialsUsed()
    {
        var space = new[] { Int("kernel", 1, 27), Choice("optimizer", "sgd", "adam", "rmsprop"), LogUniform("lr", 1e-5, 1e-1) };
        var searcher = new CoarseToFineSearcher(space, seed: 9, trials: 30, rounds: 2, topK: 3);

        Run(searcher, 30, p => (p["optimizer"].Text == "adam" ? 1 : 0) - Math.Abs(p["kernel"].Number - 5) / 30);

        var second = searcher.Rounds[1].Space;
        Assert.Equal(["adam"], second[1].Options.Select(o => o.Text));
        Assert.Equal(Math.Floor(second[0].Low), second[0].Low);
        Assert.Equal(Math.Floor(second[0].High), second[0].High);
        Assert.True(second[0].High - second[0].Low < 26);
        for (int n = 15; n < 30; n++)
        {
            var parameters = searcher.Suggest(n).Parameters!;
            Assert.Equal(ParamKind.Integer, parameters["kernel"].Kind);
            Assert.Equal("adam", parameters["optimizer"].Text);
        }
    }

    [Fact]
    public void SameSeedAndObservations_GiveTheSameProposals()
    {
        string RunOnce(int seed) => string.Join("\n", Run(
            new CoarseToFineSearcher([LogUniform("lr", 1e-6, 1), Choice("optimizer", "sgd", "adam")], seed, trials: 12, rounds: 3, topK: 2), 12, LogPeak(1e-3))
            .Select(r => Describe(r.Parameters)));

        Assert.Equal(RunOnce(4), RunOnce(4));
        Assert.NotEqual(RunOnce(4), RunOnce(5));
    }

    [Fact]
    public void RoundOne_DrawsWhatRandomSearchDraws()
    {
        var space = new[] { LogUniform("lr", 1e-6, 1) };
        var searcher = new CoarseToFineSearcher(space, seed: 8, trials: 9, rounds: 3, topK: 2);
        var random = new RandomSearcher(space, seed: 8);

        Assert.Equal(
            Enumerable.Range(0, 3).Select(n => Describe(random.Suggest(n).Parameters!)),
            Enumerable.Range(0, 3).Select(n => Describe(searcher.Suggest(n).Parameters!)));
    }
}
