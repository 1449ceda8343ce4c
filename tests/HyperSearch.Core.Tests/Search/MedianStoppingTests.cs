using HyperSearch.Search;

namespace HyperSearch.Core.Tests.Search;

public sealed class MedianStoppingTests
{
    private static MedianStoppingScheduler WithThreeGoodTrials(int graceEpochs = 1)
    {
        var median = new MedianStoppingScheduler(graceEpochs);
        double[][] curves = [[0.70, 0.75, 0.80], [0.72, 0.78, 0.82], [0.68, 0.74, 0.79]];
        for (int trial = 0; trial < curves.Length; trial++)
        {
            for (int epoch = 1; epoch <= 3; epoch++)
            {
                median.OnReport(trial, epoch, curves[trial][epoch - 1]);
            }
        }

        return median;
    }

    [Fact]
    public void AClearlyWorseTrial_IsStopped()
    {
        var median = WithThreeGoodTrials();

        Assert.Equal(SchedulerDecision.Stop, median.OnReport(3, 1, 0.20));
    }

    [Fact]
    public void ABetterTrial_GoesOn()
    {
        var median = WithThreeGoodTrials();

        Assert.Equal(SchedulerDecision.Continue, median.OnReport(3, 1, 0.75));
        Assert.Equal(SchedulerDecision.Continue, median.OnReport(3, 2, 0.80));
    }

    [Fact]
    public void TheBestSoFar_IsComparedWithTheOthersRunningAverages()
    {
        var median = WithThreeGoodTrials();

        // Running averages at epoch 2 are 0.725, 0.75, 0.71 (median 0.725): a best of 0.73 passes
        // though this epoch's 0.50 is worse than all of them.
        Assert.Equal(SchedulerDecision.Continue, median.OnReport(3, 1, 0.73));
        Assert.Equal(SchedulerDecision.Continue, median.OnReport(3, 2, 0.50));
        Assert.Equal(SchedulerDecision.Stop, median.OnReport(4, 1, 0.60));
    }

    [Fact]
    public void TooFewOthers_OrBeforeGrace_NeverStops()
    {
        var median = new MedianStoppingScheduler(graceEpochs: 1);
        median.OnReport(0, 1, 0.9);
        median.OnReport(1, 1, 0.9);
        Assert.Equal(SchedulerDecision.Continue, median.OnReport(2, 1, 0.1));

        var patient = WithThreeGoodTrials(graceEpochs: 2);
        Assert.Equal(SchedulerDecision.Continue, patient.OnReport(3, 1, 0.1));
        Assert.Equal(SchedulerDecision.Stop, patient.OnReport(3, 2, 0.1));
    }

    [Fact]
    public void SameReports_GiveTheSameDecisions()
    {
        var random = new Random(3);
        var reports = Enumerable.Range(0, 50).Select(i => (Trial: i % 10, Epoch: 1 + (i / 10), Value: random.NextDouble())).ToList();

        string Decisions()
        {
            var median = new MedianStoppingScheduler(1);
            return string.Concat(reports.Select(r => median.OnReport(r.Trial, r.Epoch, r.Value) == SchedulerDecision.Stop ? 'S' : 'C'));
        }

        Assert.Equal(Decisions(), Decisions());
        Assert.Contains('S', Decisions());
    }
}
