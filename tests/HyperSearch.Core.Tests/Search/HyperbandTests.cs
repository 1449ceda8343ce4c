using HyperSearch.Search;

namespace HyperSearch.Core.Tests.Search;

public sealed class HyperbandTests
{
    /// <summary>Li et al. 2018, Table 1: R = 81, eta = 3.</summary>
    [Fact]
    public void Brackets_MatchThePapersTable()
    {
        var brackets = HyperbandPlan.Brackets(graceEpochs: 1, maxEpochs: 81, eta: 3);

        Assert.Equal([4, 3, 2, 1, 0], brackets.Select(b => b.S));
        Assert.Equal([81, 34, 15, 8, 5], brackets.Select(b => b.Trials));
        Assert.Equal([1, 3, 9, 27, 81], brackets.Select(b => b.Epochs));
        Assert.Equal([(81, 1), (27, 3), (9, 9), (3, 27), (1, 81)], brackets[0].Rounds);
        Assert.Equal([(34, 3), (11, 9), (3, 27), (1, 81)], brackets[1].Rounds);
        Assert.Equal([(15, 9), (5, 27), (1, 81)], brackets[2].Rounds);
        Assert.Equal([(8, 27), (2, 81)], brackets[3].Rounds);
        Assert.Equal([(5, 81)], brackets[4].Rounds);
    }

    [Fact]
    public void Brackets_MapOntoAshaRungs()
    {
        var brackets = HyperbandPlan.Brackets(1, 81, 3);

        Assert.Equal(AshaScheduler.Milestones(1, 3, 81), brackets[0].Rungs);
        Assert.Equal([3, 9, 27], brackets[1].Rungs);
        Assert.Empty(brackets[4].Rungs);

        // max_epochs off the ladder: bracket s still makes exactly s eliminations, then trains to max.
        var uneven = HyperbandPlan.Brackets(1, 10, 3);
        Assert.Equal([[1, 3], [3], []], uneven.Select(b => b.Rungs.ToArray()));
        Assert.Equal(10, uneven[^1].Epochs);
    }

    [Fact]
    public void Trials_AreDealtToBracketsInProportionToN()
    {
        var hyperband = new HyperbandScheduler(graceEpochs: 1, reductionFactor: 3, maxEpochs: 81);
        var dealt = Enumerable.Range(0, 143).Select(hyperband.BracketOf).ToList();

        Assert.Equal([81, 34, 15, 8, 5], Enumerable.Range(0, 5).Select(b => dealt.Count(d => d == b)));

        // Every prefix holds each bracket within one trial of its share.
        for (int prefix = 1; prefix <= 143; prefix++)
        {
            for (int b = 0; b < 5; b++)
            {
                double share = prefix * hyperband.Brackets[b].Trials / 143.0;
                Assert.InRange(dealt.Take(prefix).Count(d => d == b), share - 1, share + 1);
            }
        }

        Assert.Equal(dealt, Enumerable.Range(143, 143).Select(hyperband.BracketOf));
    }

    [Fact]
    public void EachBracket_JudgesOnlyAtItsOwnRungs()
    {
        var hyperband = new HyperbandScheduler(1, 3, 81);
        int[] byBracket = Enumerable.Range(0, 5).Select(b => Enumerable.Range(0, 143).First(t => hyperband.BracketOf(t) == b)).ToArray();
        int aggressive = byBracket[0];
        int patient = byBracket[4];

        // A strong result at epoch 1 in bracket 4's ladder, then a weak one: the weak one is stopped.
        int other = Enumerable.Range(0, 143).First(t => t != aggressive && hyperband.BracketOf(t) == 0);
        Assert.Equal(SchedulerDecision.Continue, hyperband.OnReport(aggressive, 1, 0.9));
        Assert.Equal(SchedulerDecision.Stop, hyperband.OnReport(other, 1, 0.1));

        // Bracket 0 never stops anyone, however poor.
        Assert.All(Enumerable.Range(1, 80), epoch => Assert.Equal(SchedulerDecision.Continue, hyperband.OnReport(patient, epoch, -1)));
    }
}
