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
}
