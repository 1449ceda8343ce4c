using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Tests;

public sealed class LearningRateScheduleTests
{
    // 4 steps per epoch, base rate 0.1, decay 0.5 per 2-epoch period, 6 epochs.
    private static LearningRateSchedule Schedule(string kind, double warmup = 0) =>
        new(kind, baseRate: 0.1, decay: 0.5, periodEpochs: 2, warmupEpochs: warmup, totalEpochs: 6, stepsPerEpoch: 4);

    [Fact]
    public void Constant_NeverChanges()
    {
        Assert.All(Enumerable.Range(0, 24), step => Assert.Equal(0.1, Schedule("constant").At(step)));
    }

    [Fact]
    public void Step_HalvesEveryTwoEpochs()
    {
        var schedule = Schedule("step");

        // Steps 0-7 are epochs 1-2, 8-15 epochs 3-4, 16-23 epochs 5-6.
        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025], new long[] { 0, 7, 8, 15, 16 }.Select(schedule.At));
    }

    [Fact]
    public void Exponential_DecaysSmoothly()
    {
        var schedule = Schedule("exponential");

        Assert.Equal(0.1, schedule.At(0), 12);
        Assert.Equal(0.1 * Math.Pow(0.5, 0.125), schedule.At(1), 12); // a quarter epoch = an eighth of a period
        Assert.Equal(0.05, schedule.At(8), 12);
        Assert.Equal(0.025, schedule.At(16), 12);
    }

    [Fact]
    public void InverseTime_IsOneOverT()
    {
        var schedule = Schedule("inverse_time");

        // lr / (1 + k t / P) with k = 1/0.5 - 1 = 1: t = 0, 2, 4 epochs give lr, lr/2, lr/3.
        Assert.Equal(0.1, schedule.At(0), 12);
        Assert.Equal(0.05, schedule.At(8), 12);
        Assert.Equal(0.1 / 3, schedule.At(16), 12);
        Assert.Equal(0.1 / 1.125, schedule.At(1), 12);
    }

    [Fact]
    public void Cosine_FallsFromLrToZeroOverTheRun()
    {
        var schedule = Schedule("cosine");

        Assert.Equal(0.1, schedule.At(0), 12);
        Assert.Equal(0.05, schedule.At(12), 12); // half way through 24 steps
        Assert.Equal(0.1 * (1 + Math.Cos(Math.PI * 23 / 24)) / 2, schedule.At(23), 12);
    }

    [Fact]
    public void Warmup_RisesLinearlyThenHandsOverToTheSchedule()
    {
        // One epoch (4 steps) of warm-up, then cosine over the remaining 5 epochs (20 steps).
        var schedule = Schedule("cosine", warmup: 1);

        Assert.Equal([0.025, 0.05, 0.075, 0.1], new long[] { 0, 1, 2, 3 }.Select(step => Math.Round(schedule.At(step), 12)));
        Assert.Equal(0.1, schedule.At(4), 12);
        Assert.Equal(0.05, schedule.At(14), 12);
    }

    [Fact]
    public void Warmup_WithStepDecay_CountsPeriodsFromTheEndOfWarmup()
    {
        var schedule = Schedule("step", warmup: 0.5);

        Assert.Equal(0.05, schedule.At(0), 12);   // half an epoch is 2 warm-up steps: (0 + 1) / 2
        Assert.Equal(0.1, schedule.At(1), 12);    // (1 + 1) / 2
        Assert.Equal(0.1, schedule.At(2), 12);    // warm-up over: period 0
        Assert.Equal(0.1, schedule.At(9), 12);    // 7 steps = 1.75 epochs after warm-up
        Assert.Equal(0.05, schedule.At(10), 12);  // 2 epochs after warm-up
    }

    [Fact]
    public void For_DefaultPeriodIsAThirdOfTheRun()
    {
        var config = TrainingConfig.Default with { Schedule = "step", LrDecay = 0.1 };

        var schedule = LearningRateSchedule.For(config, totalEpochs: 9, stepsPerEpoch: 10);

        Assert.Equal(3, schedule.PeriodEpochs);
        Assert.Equal(1e-3 * 0.01, schedule.At(60), 15); // 6 epochs: two periods of 0.1
    }

    [Theory]
    [InlineData("constant")]
    [InlineData("step")]
    [InlineData("exponential")]
    [InlineData("inverse_time")]
    [InlineData("cosine")]
    public void EachSchedule_TrainsAndReportsItsRatePerEpoch(string kind)
    {
        var observer = new RecordingObserver();
        var parameters = new Dictionary<string, object> { ["lr_schedule"] = kind, ["lr"] = 0.002, ["lr_step"] = 1L, ["lr_decay"] = 0.5, ["warmup_epochs"] = 0.5 };

        var result = TestJobs.Run(parameters, epochs: 3, observer: observer);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.True(result.LastEpoch!.ValAccuracy > 0.5, $"{kind}: val accuracy {result.LastEpoch.ValAccuracy}");
        // The reported rate is the last step's: 2,000 images in batches of 128 are 16 steps an epoch.
        var schedule = LearningRateSchedule.For(TrainingConfig.Parse(parameters), totalEpochs: 3, stepsPerEpoch: 16);
        Assert.Equal([schedule.At(15), schedule.At(31), schedule.At(47)], observer.Reports.Select(r => r.Diagnostics["lr"]));
    }
}
