using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Tests;

public sealed class SanityCheckTests(ITestOutputHelper output)
{
    [Fact]
    public void InitialLoss_FarFromLnClasses_RaisesAnEvent()
    {
        Assert.Null(InitialLossCheck.Check(2.35, classes: 10));
        Assert.Null(InitialLossCheck.Check(Math.Log(10) * 1.2, classes: 10));

        var far = InitialLossCheck.Check(4.6, classes: 10);
        var nan = InitialLossCheck.Check(double.NaN, classes: 10);

        Assert.Equal("initial_loss (epoch 1): first minibatch loss 4.60 is far from ln(10) = 2.30: check the weight initialization (too large?) and the labels", far!.ToString());
        Assert.NotNull(nan);
    }

    [Fact]
    public void HealthyRun_HasNoEventsAndPlausibleUpdateRatios()
    {
        var observer = new RecordingObserver();

        var result = TestJobs.Run(new() { ["hidden"] = new long[] { 128, 64 } }, epochs: 2, observer: observer);

        Assert.Empty(result.Events);
        Assert.All(observer.Reports, report =>
        {
            output.WriteLine(string.Join(" ", report.Diagnostics.Select(d => $"{d.Key}={d.Value:G3}")));
            Assert.Equal(["fc1", "fc2", "out"], report.Diagnostics.Keys.Where(k => k.StartsWith("update_ratio.", StringComparison.Ordinal)).Select(k => k["update_ratio.".Length..]).Order());
            Assert.All(report.Diagnostics.Where(d => d.Key.StartsWith("update_ratio.", StringComparison.Ordinal)), d => Assert.InRange(d.Value, 1e-5, 1e-1));
            Assert.Equal(1e-3, report.Diagnostics["lr"]);
            Assert.Empty(report.Events);
        });
        Assert.InRange(result.InitialLoss, Math.Log(10) * 0.75, Math.Log(10) * 1.25);
    }

    [Fact]
    public void TinyLearningRate_RaisesAnUpdateRatioEvent()
    {
        var observer = new RecordingObserver();

        var result = TestJobs.Run(new() { ["optimizer"] = "sgd", ["lr"] = 1e-9 }, epochs: 2, observer: observer);

        var warning = Assert.Single(result.Events);
        output.WriteLine(warning.ToString());
        Assert.Equal(TrainingEvent.UpdateRatio, warning.Kind);
        Assert.Equal(1, warning.Epoch);
        Assert.Contains("too low", warning.Message);
        Assert.Same(warning, Assert.Single(observer.Reports[0].Events));
        Assert.Empty(observer.Reports[1].Events); // once per trial, not every epoch
    }

    [Fact]
    public void HugeLearningRate_RaisesAnUpdateRatioEvent()
    {
        var result = TestJobs.Run(new() { ["optimizer"] = "adam", ["lr"] = 0.05 }, epochs: 1);

        output.WriteLine(string.Join("\n", result.Events));
        Assert.Contains(result.Events, e => e.Kind == TrainingEvent.UpdateRatio && e.Message.Contains("too high", StringComparison.Ordinal));
    }

    [Fact]
    public void Divergence_EndsTheRunWithEpochAndValueInAnEvent()
    {
        var result = TestJobs.Run(new() { ["optimizer"] = "sgd", ["lr"] = 10.0 }, epochs: 3);

        Assert.Equal(TrainingOutcome.Diverged, result.Outcome);
        var diverged = Assert.Single(result.Events, e => e.Kind == TrainingEvent.Diverged);
        Assert.Equal(1, diverged.Epoch);
        Assert.Equal(result.Message, diverged.Message);
        Assert.Matches(@"^(loss \d+\.\d\d exceeded 3x the initial loss \d+\.\d\d|loss became (NaN|infinite)) at epoch 1$", diverged.Message);
        Assert.Null(result.Checkpoint);
    }
}
