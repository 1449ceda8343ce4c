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
    public void Check_LossAboveThreeTimesInitial_ReportsIt()
    {
        var guard = new DivergenceGuard(batchSize: 128);
        guard.Check(2.3, 128, epoch: 1);

        Assert.Null(guard.Check(6.8, 128, epoch: 2));
        Assert.Equal("loss 7.20 exceeded 3x the initial loss 2.30 at epoch 2", guard.Check(7.2, 128, epoch: 2));
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

        Assert.Null(guard.Check(9.0, 3, epoch: 1));
        Assert.NotNull(guard.Check(9.0, 64, epoch: 1));
    }
}
