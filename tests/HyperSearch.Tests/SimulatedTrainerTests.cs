using HyperSearch.Sdk;
using HyperSearch.Trainer.Simulated;

namespace HyperSearch.Tests;

public sealed class SimulatedTrainerTests
{
    [Fact]
    public void Curve_PeaksNearLr1e3_AndGrowsWithEpochs()
    {
        var trainer = new SimulatedTrainer(TimeSpan.Zero);
        var good = Run(trainer, 1e-3, epochs: 5);
        var low = Run(trainer, 1e-5, epochs: 5);
        var high = Run(trainer, 1e-1, epochs: 5);

        Assert.Equal(TrialEnd.Completed, good.Result.End);
        Assert.True(Accuracy(good.Reports[^1]) > Accuracy(low.Reports[^1]) + 0.2);
        Assert.True(Accuracy(good.Reports[^1]) > Accuracy(high.Reports[^1]) + 0.2);
        Assert.True(Accuracy(good.Reports[^1]) > Accuracy(good.Reports[0]) + 0.1);
        Assert.InRange(Accuracy(good.Reports[^1]), 0.7, 0.95);
        Assert.Equal(good.Reports.Select(Accuracy), Run(trainer, 1e-3, epochs: 5).Reports.Select(Accuracy));
        Assert.Equal(Accuracy(good.Reports[^1]) - 0.005, good.Result.TestMetrics["test_accuracy"], 12);
    }

    [Fact]
    public void HugeLearningRate_Diverges()
    {
        var run = Run(new SimulatedTrainer(TimeSpan.Zero), 0.5, epochs: 3);

        Assert.Equal(TrialEnd.Diverged, run.Result.End);
        Assert.True(double.IsNaN(run.Reports.Single().Metrics["val_loss"]));
    }

    [Fact]
    public void StopFromTheReporter_EndsAfterThatEpoch()
    {
        var reporter = new Recorder { StopAfter = 2 };
        var result = new SimulatedTrainer(TimeSpan.Zero).Train(Context(1e-3, 5, CancellationToken.None), reporter);

        Assert.Equal(TrialEnd.Stopped, result.End);
        Assert.Equal(2, reporter.Reports.Count);
    }

    [Fact]
    public void Abort_EndsAWaitingEpochAtOnce()
    {
        using var abort = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var started = DateTime.UtcNow;
        var result = new SimulatedTrainer(TimeSpan.FromMinutes(5)).Train(Context(1e-3, 3, abort.Token), new Recorder());

        Assert.Equal(TrialEnd.Stopped, result.End);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void ResumedAttempt_ContinuesTheSameCurveFromItsCheckpoint()
    {
        using var temp = new TempDirectory();
        var trainer = new SimulatedTrainer(TimeSpan.Zero);
        var whole = new Recorder();
        trainer.Train(Context(1e-3, 5, CancellationToken.None) with { Checkpoints = new EpochCheckpoints(Path.Combine(temp.Path, "r1"), everyEpochs: 2) }, whole);
        var saved = whole.Reports[3].ResumeCheckpoint!;

        var resumed = new Recorder();
        var result = trainer.Train(Context(1e-3, 5, CancellationToken.None) with { ResumeFrom = EpochCheckpoints.FindUsable([(saved, 4)]) }, resumed);

        Assert.Equal([false, true, false, true, false], whole.Reports.Select(r => r.ResumeCheckpoint is not null));
        Assert.Equal(TrialEnd.Completed, result.End);
        Assert.Equal([5], resumed.Reports.Select(r => r.Epoch));
        Assert.Equal(Accuracy(whole.Reports[4]), Accuracy(resumed.Reports[0]));
    }

    private static double Accuracy(EpochResult epoch) => epoch.Metrics["val_accuracy"];

    private static (TrialResult Result, List<EpochResult> Reports) Run(SimulatedTrainer trainer, double lr, int epochs)
    {
        var reporter = new Recorder();
        return (trainer.Train(Context(lr, epochs, CancellationToken.None), reporter), reporter.Reports);
    }

    private static TrialContext Context(double lr, int epochs, CancellationToken cancellation) => new(
        "t000", new TrialParameters(new Dictionary<string, object> { ["lr"] = lr }), epochs, Seed: 11, "cpu", null, "val_accuracy", null, cancellation);

    private sealed class Recorder : IEpochReporter
    {
        public List<EpochResult> Reports { get; } = [];

        public int StopAfter { get; init; } = int.MaxValue;

        public TrialDirective Report(EpochResult epoch)
        {
            Reports.Add(epoch);
            return Reports.Count >= StopAfter ? TrialDirective.Stop : TrialDirective.Continue;
        }
    }
}
