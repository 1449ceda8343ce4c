using HyperSearch.Silo.Training;
using HyperSearch.Trainer.Training;

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

        Assert.Equal(TrainingOutcome.Completed, good.Result.Outcome);
        Assert.True(good.Result.LastEpoch!.ValAccuracy > low.Result.LastEpoch!.ValAccuracy + 0.2);
        Assert.True(good.Result.LastEpoch.ValAccuracy > high.Result.LastEpoch!.ValAccuracy + 0.2);
        Assert.True(good.Reports[^1].ValAccuracy > good.Reports[0].ValAccuracy + 0.1);
        Assert.InRange(good.Result.LastEpoch.ValAccuracy, 0.7, 0.95);
        Assert.Equal(good.Reports.Select(r => r.ValAccuracy), Run(trainer, 1e-3, epochs: 5).Reports.Select(r => r.ValAccuracy));
    }

    [Fact]
    public void HugeLearningRate_Diverges()
    {
        var run = Run(new SimulatedTrainer(TimeSpan.Zero), 0.5, epochs: 3);

        Assert.Equal(TrainingOutcome.Diverged, run.Result.Outcome);
        Assert.True(double.IsNaN(run.Reports.Single().ValLoss));
    }

    [Fact]
    public void StopFromTheObserver_EndsAfterThatEpoch()
    {
        var observer = new Recorder { StopAfter = 2 };
        var result = new SimulatedTrainer(TimeSpan.Zero).Run(Job(1e-3, 5), observer, CancellationToken.None);

        Assert.Equal(TrainingOutcome.Stopped, result.Outcome);
        Assert.Equal(2, observer.Reports.Count);
    }

    [Fact]
    public void Abort_EndsAWaitingEpochAtOnce()
    {
        using var abort = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var started = DateTime.UtcNow;
        var result = new SimulatedTrainer(TimeSpan.FromMinutes(5)).Run(Job(1e-3, 3), new Recorder(), abort.Token);

        Assert.Equal(TrainingOutcome.Stopped, result.Outcome);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
    }

    private static (TrainingResult Result, List<EpochReport> Reports) Run(SimulatedTrainer trainer, double lr, int epochs)
    {
        var observer = new Recorder();
        return (trainer.Run(Job(lr, epochs), observer, CancellationToken.None), observer.Reports);
    }

    private static TrainingJob Job(double lr, int epochs) =>
        new("t000", new Dictionary<string, object> { ["lr"] = lr }, new DataSetOptions("synthetic", "", null, 0, 0), epochs, Seed: 11);

    private sealed class Recorder : ITrainingObserver
    {
        public List<EpochReport> Reports { get; } = [];

        public int StopAfter { get; init; } = int.MaxValue;

        public EpochDirective OnEpoch(EpochReport report)
        {
            Reports.Add(report);
            return Reports.Count >= StopAfter ? EpochDirective.Stop : EpochDirective.Continue;
        }
    }
}
