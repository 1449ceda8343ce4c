using HyperSearch.Search;

namespace HyperSearch.Core.Tests.Search;

public sealed class AshaSchedulerTests
{
    [Fact]
    public void Rungs_AreGraceTimesEtaToTheKBelowMaxEpochs()
    {
        Assert.Equal([1, 3, 9, 27], AshaScheduler.Milestones(1, 3, 81));
        Assert.Equal([2, 4, 8], AshaScheduler.Milestones(2, 2, 10));
        Assert.Equal([1, 3], AshaScheduler.Milestones(1, 3, 9));
        Assert.Empty(AshaScheduler.Milestones(4, 3, 4));
    }

    /// <summary>
    /// eta = 3, grace 1, max 9: rungs at 1 and 3. With n results at a rung (the newcomer's
    /// included), a trial continues when its rank is at most ceil(n / 3).
    /// </summary>
    [Fact]
    public void Promotions_MatchAHandWorkedExample()
    {
        var asha = new AshaScheduler(graceEpochs: 1, reductionFactor: 3, maxEpochs: 9);

        // Rung 1 (epoch 1), in order of arrival: value -> (n, rank, ceil(n/3)) -> decision.
        (int Trial, double Value, bool Continues)[] rung1 =
        [
            (0, 0.50, true),  // n=1 rank 1 <= 1
            (1, 0.70, true),  // n=2 rank 1 <= 1
            (2, 0.60, false), // n=3 rank 2 >  1
            (3, 0.40, false), // n=4 rank 4 >  2
            (4, 0.65, true),  // n=5 rank 2 <= 2
            (5, 0.30, false), // n=6 rank 6 >  2
            (6, 0.80, true),  // n=7 rank 1 <= 3
            (7, 0.55, false), // n=8 rank 5 >  3
            (8, 0.66, true),  // n=9 rank 3 <= 3
        ];
        foreach (var (trial, value, continues) in rung1)
        {
            Assert.Equal(continues ? SchedulerDecision.Continue : SchedulerDecision.Stop, asha.OnReport(trial, 1, value));
        }

        // Epoch 2 is no rung: everyone goes on.
        Assert.Equal(SchedulerDecision.Continue, asha.OnReport(0, 2, 0.01));

        // Rung 3, the survivors in order: 0 and 1 pass, 4 is second of three, 6 leads, 8 is third of five.
        Assert.Equal(SchedulerDecision.Continue, asha.OnReport(0, 3, 0.60));
        Assert.Equal(SchedulerDecision.Continue, asha.OnReport(1, 3, 0.75));
        Assert.Equal(SchedulerDecision.Stop, asha.OnReport(4, 3, 0.70));
        Assert.Equal(SchedulerDecision.Continue, asha.OnReport(6, 3, 0.85));
        Assert.Equal(SchedulerDecision.Stop, asha.OnReport(8, 3, 0.72));

        // max_epochs is no rung: a finished trial is not judged.
        Assert.Equal(SchedulerDecision.Continue, asha.OnReport(0, 9, 0.0));
    }

    [Fact]
    public void ARepeatedReport_ReplacesItsResultInsteadOfAddingOne()
    {
        var asha = new AshaScheduler(1, 3, 9);
        asha.OnReport(0, 1, 0.9);
        asha.OnReport(0, 1, 0.9);
        asha.OnReport(0, 1, 0.9);

        // One result at the rung, so a newcomer is second of two: rank 2 > ceil(2/3) = 1.
        Assert.Equal(SchedulerDecision.Stop, asha.OnReport(1, 1, 0.5));
        Assert.Equal(SchedulerDecision.Continue, new AshaScheduler(1, 3, 9).OnReport(1, 1, 0.5));
    }

    [Fact]
    public void Ties_FavourTheNewcomer()
    {
        Assert.True(PromotionRule.Continues(0.5, [0.5], eta: 3));
        Assert.False(PromotionRule.Continues(0.4, [0.5], eta: 3));
        Assert.False(PromotionRule.Continues(0.4, [0.5], eta: 2));
        Assert.True(PromotionRule.Continues(0.4, [0.5, 0.3, 0.2], eta: 2));
    }

    [Fact]
    public void SameReports_GiveTheSameDecisions()
    {
        var random = new Random(5);
        var reports = Enumerable.Range(0, 60).Select(i => (Trial: i % 20, Epoch: 1 + (i / 20), Value: random.NextDouble())).ToList();

        string Decisions()
        {
            var asha = new AshaScheduler(1, 3, 9);
            return string.Concat(reports.Select(r => asha.OnReport(r.Trial, r.Epoch, r.Value) == SchedulerDecision.Stop ? 'S' : 'C'));
        }

        Assert.Equal(Decisions(), Decisions());
        Assert.Contains('S', Decisions());
    }
}
