using HyperSearch.Sdk;
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
        Assert.Equal(TrialEventKind.UpdateRatio, warning.Kind);
        Assert.Equal(1, warning.Epoch);
        Assert.Contains("too low", warning.Message);
        Assert.Same(warning, Assert.Single(observer.Reports[0].Events));
        Assert.Empty(observer.Reports[1].Events); // once per trial, not every epoch
    }

    [Fact]
    public void UpdateRatioJudge_WarnsOncePerDirection()
    {
        // A huge ratio is rare in a run that does not diverge first (Adam's steps shrink relative to
        // growing weights), so the judgement is checked on its own.
        using var monitor = new UpdateRatioMonitor(new WeightLayers(new Models.Mlp(4, [3], 2, "relu", 0)));
        var high = new Dictionary<string, double> { ["update_ratio.fc1"] = 0.4, ["update_ratio.out"] = 0.01 };
        var low = new Dictionary<string, double> { ["update_ratio.fc1"] = 1e-3, ["update_ratio.out"] = 1e-8 };

        var first = monitor.Judge(high, epoch: 2);
        var repeat = monitor.Judge(high, epoch: 3);
        var other = monitor.Judge(low, epoch: 4);

        Assert.Equal("update_ratio (epoch 2): layer fc1 changed by 4e-1 of its norm in one step (healthy ~1e-3): the learning rate is probably too high", first!.ToString());
        Assert.Null(repeat);
        Assert.Equal("update_ratio (epoch 4): layer out changed by 1e-8 of its norm in one step (healthy ~1e-3): the learning rate is probably too low", other!.ToString());
        Assert.Null(monitor.Judge(new Dictionary<string, double> { ["update_ratio.fc1"] = 1e-3 }, epoch: 5));
    }

    [Fact]
    public void UpdateRatioJudge_AnnealedRate_IsNoSignOfARateTooLow()
    {
        using var monitor = new UpdateRatioMonitor(new WeightLayers(new Models.Mlp(4, [3], 2, "relu", 0)));
        var stalled = new Dictionary<string, double> { ["update_ratio.fc1"] = 0, ["update_ratio.out"] = 0 };

        Assert.Null(monitor.Judge(stalled, epoch: 16, annealed: true)); // a cosine schedule's last step
        Assert.Contains("too low", monitor.Judge(stalled, epoch: 17)!.Message);
    }

    [Fact]
    public void Divergence_EndsTheRunWithEpochAndValueInAnEvent()
    {
        var result = TestJobs.Run(new() { ["optimizer"] = "sgd", ["lr"] = 10.0 }, epochs: 3);

        Assert.Equal(TrainingOutcome.Diverged, result.Outcome);
        var diverged = Assert.Single(result.Events, e => e.Kind == TrialEventKind.Diverged);
        Assert.Equal(1, diverged.Epoch);
        Assert.Equal(result.Message, diverged.Message);
        Assert.Matches(@"^(mean loss \d+\.\d\d of the last 10 minibatches exceeded 3x the initial loss \d+\.\d\d|loss became (NaN|infinite)) at epoch 1$", diverged.Message);
        Assert.Null(result.Checkpoint);
    }
}
