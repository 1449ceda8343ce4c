using HyperSearch.Spec;

namespace HyperSearch.Core.Tests;

public sealed class SchedulerModeSpecTests
{
    [Fact]
    public void Default_IsStop_AndPauseIsRead()
    {
        Assert.Equal(SchedulerMode.Stop, TestSpecs.Parse(TestSpecs.Minimal(extra: "scheduler: { type: asha }")).Scheduler.Mode);
        Assert.Equal(SchedulerMode.Pause, TestSpecs.Parse(TestSpecs.Minimal(extra: "scheduler: { type: hyperband, mode: pause }")).Scheduler.Mode);
    }

    [Fact]
    public void Pause_OnASchedulerThatCannotPause_IsAnError()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(extra: "scheduler: { type: median, mode: pause }"));

        Assert.Equal(["scheduler.mode: applies to asha and hyperband only, not median"], errors);
    }

    [Fact]
    public void Pause_WithoutResuming_IsAnError()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(extra: "scheduler: { type: asha, mode: pause }\ncheckpoints: { resume: false }"));

        Assert.Equal(["scheduler.mode: pause needs checkpoints.resume: true (a promoted trial continues from its checkpoint)"], errors);
    }

    [Fact]
    public void UnknownMode_NamesTheWords()
    {
        var error = Assert.Single(TestSpecs.Errors(TestSpecs.Minimal(extra: "scheduler: { type: asha, mode: wait }")));

        Assert.StartsWith("scheduler.mode:", error);
        Assert.Contains("pause", error);
    }

    [Fact]
    public void Pbt_IsReadWithItsDefaults_AndItsKeysBelongToItAlone()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(extra: "scheduler: { type: pbt, interval_epochs: 3, quantile: 0.2 }"));

        Assert.Equal(SchedulerType.Pbt, spec.Scheduler.Type);
        Assert.Equal((3, 0.2, 0.25), (spec.Scheduler.IntervalEpochs, spec.Scheduler.Quantile, spec.Scheduler.ResampleProbability));
        Assert.Equal(["scheduler.quantile: applies to pbt only, not asha"], TestSpecs.Errors(TestSpecs.Minimal(extra: "scheduler: { type: asha, quantile: 0.2 }")));
        Assert.Equal(["scheduler.quantile: expected a number in (0, 0.5], got '0.7'"], TestSpecs.Errors(TestSpecs.Minimal(extra: "scheduler: { type: pbt, quantile: 0.7 }")));
    }
}
