using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Tests;

public sealed class DivergenceGuardTests
{
    [Fact]
    public void Check_FirstLoss_BecomesInitialLoss()
    {
        var guard = new DivergenceGuard(batchSize: 128);

        Assert.Null(guard.Check(2.3, 128, epoch: 1));
        Assert.Equal(2.3, guard.InitialLoss);
    }

    [Fact]
    public void Check_MeanOfTheLastTenAboveThreeTimesInitial_ReportsIt()
    {
        var guard = new DivergenceGuard(batchSize: 128);
        guard.Check(2.3, 128, epoch: 1);

        // The window holds 2.3 and eight of 7.2: mean 6.66, under 6.9.
        for (var i = 0; i < 8; i++)
        {
            Assert.Null(guard.Check(7.2, 128, epoch: 2));
        }

        // The tenth makes the window full with a mean of 6.71; the eleventh drops 2.3 from it: 7.20.
        Assert.Null(guard.Check(7.2, 128, epoch: 2));
        Assert.Equal("mean loss 7.20 of the last 10 minibatches exceeded 3x the initial loss 2.30 at epoch 2", guard.Check(7.2, 128, epoch: 2));
    }

    [Fact]
    public void Check_OneSpikeAmongHealthyMinibatches_IsNotDivergence()
    {
        var guard = new DivergenceGuard(batchSize: 128);
        guard.Check(2.28, 128, epoch: 1);

        // A full-data sweep's trial spiked to 10.47 in its first epoch; around it the loss fell.
        var losses = new[] { 2.0, 10.47, 2.5, 1.9, 1.7, 1.6, 1.5, 1.4, 1.3, 1.2, 1.1, 1.0 };

        Assert.All(losses, loss => Assert.Null(guard.Check(loss, 128, epoch: 1)));
    }

    [Fact]
    public void Check_NaNAndInfinity_ReportThemselves()
    {
        var guard = new DivergenceGuard(batchSize: 128);
        guard.Check(2.3, 128, epoch: 1);

        Assert.Equal("loss became NaN at epoch 3", guard.Check(double.NaN, 128, epoch: 3));
        Assert.Equal("loss became infinite at epoch 1", guard.Check(double.PositiveInfinity, 5, epoch: 1));
    }

    [Fact]
    public void Check_ShortLastBatch_DoesNotCountAgainstThreshold()
    {
        var guard = new DivergenceGuard(batchSize: 128);
        guard.Check(2.3, 128, epoch: 1);

        for (var i = 0; i < 9; i++)
        {
            Assert.Null(guard.Check(9.0, 3, epoch: 1));
        }

        // The short batches did not count: the window (2.3 first) fills only with the ninth half-size one.
        for (var i = 0; i < 8; i++)
        {
            Assert.Null(guard.Check(9.0, 64, epoch: 1));
        }

        Assert.NotNull(guard.Check(9.0, 64, epoch: 1));
    }
}
