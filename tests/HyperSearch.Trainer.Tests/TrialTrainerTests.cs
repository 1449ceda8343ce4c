using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Tests;

public sealed class TrialTrainerTests(ITestOutputHelper output)
{
    private static readonly DataSetOptions Synthetic = new("synthetic", string.Empty, TrainSubset: 2_000, Validation: 500, SplitSeed: 1);

    [Fact]
    public void Run_FashionMnistSubset_Learns()
    {
        var job = Job(new() { ["optimizer"] = "adam", ["lr"] = 1e-3 }, FashionMnistTests.Options(trainSubset: 2_000, validation: 500), epochs: 3);
        var observer = new RecordingObserver();

        var result = TrialTrainer.Run(job, observer, CancellationToken.None);

        foreach (var report in observer.Reports)
        {
            output.WriteLine(
                $"epoch {report.Epoch}: train {report.TrainLoss:F3} val {report.ValLoss:F3} acc {report.ValAccuracy:F3} " +
                $"{report.SamplesPerSecond:F0} samples/s {report.Seconds:F2} s");
        }

        output.WriteLine($"initial {result.InitialLoss:F3} test acc {result.TestAccuracy:F3} test loss {result.TestLoss:F3}");
        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal(3, result.EpochsTrained);
        Assert.InRange(result.InitialLoss, Math.Log(10) - 0.3, Math.Log(10) + 0.3);
        Assert.Equal([1, 2, 3], observer.Reports.Select(report => report.Epoch));
        Assert.True(observer.Reports[1].TrainLoss < observer.Reports[0].TrainLoss);
        Assert.True(observer.Reports[2].TrainLoss < observer.Reports[1].TrainLoss);
        Assert.True(observer.Reports[2].ValAccuracy > 0.6, $"val accuracy {observer.Reports[2].ValAccuracy}");
        Assert.InRange(result.TestAccuracy!.Value, 0.6, 1.0);
        Assert.Same(observer.Reports[^1], result.LastEpoch);
        Assert.Null(result.Message);
        Assert.All(observer.Reports, report => Assert.True(report.SamplesPerSecond > 0 && report.Seconds > 0));
    }

    [Fact]
    public void Run_HugeLearningRate_Diverges()
    {
        var job = Job(new() { ["optimizer"] = "sgd", ["lr"] = 50.0 }, Synthetic, epochs: 3);
        var observer = new RecordingObserver();

        var result = TrialTrainer.Run(job, observer, CancellationToken.None);

        output.WriteLine(result.Message ?? "(no message)");
        Assert.Equal(TrainingOutcome.Diverged, result.Outcome);
        Assert.Matches(@"^(mean loss \d+\.\d\d of the last 10 minibatches exceeded 3x the initial loss \d+\.\d\d|loss became (NaN|infinite)) at epoch 1$", result.Message);
        Assert.Null(result.TestAccuracy);
        Assert.Empty(observer.Reports);
    }

    [Fact]
    public void Run_ObserverSaysStop_EndsAfterThatEpoch()
    {
        var observer = new RecordingObserver(stopAfter: 1);

        var result = TrialTrainer.Run(Job([], Synthetic, epochs: 5), observer, CancellationToken.None);

        Assert.Equal(TrainingOutcome.Stopped, result.Outcome);
        Assert.Equal(1, result.EpochsTrained);
        Assert.Single(observer.Reports);
        Assert.NotNull(result.TestAccuracy);
        Assert.NotNull(result.Message);
    }

    [Fact]
    public void Run_Cancelled_StopsBetweenBatches()
    {
        using var cancellation = new CancellationTokenSource();
        var observer = new RecordingObserver(onEpoch: _ => cancellation.Cancel());

        var result = TrialTrainer.Run(Job([], Synthetic, epochs: 5), observer, cancellation.Token);

        Assert.Equal(TrainingOutcome.Stopped, result.Outcome);
        Assert.Equal("cancelled", result.Message);
        Assert.Equal(1, result.EpochsTrained);
    }

    [Fact]
    public void Run_SameSeed_GivesSameLosses()
    {
        var first = new RecordingObserver();
        var second = new RecordingObserver();

        TrialTrainer.Run(Job([], Synthetic, epochs: 2, seed: 11), first, CancellationToken.None);
        TrialTrainer.Run(Job([], Synthetic, epochs: 2, seed: 11), second, CancellationToken.None);

        Assert.Equal(2, first.Reports.Count);
        for (var i = 0; i < first.Reports.Count; i++)
        {
            Assert.Equal(first.Reports[i].TrainLoss, second.Reports[i].TrainLoss, 1e-4);
            Assert.Equal(first.Reports[i].ValLoss, second.Reports[i].ValLoss, 1e-4);
        }
    }

    [Fact]
    public void Run_ConcurrentJobs_MatchSequentialRuns()
    {
        // Two trainer slots share a process, its data cache and torch's global state.
        var jobs = new[] { Job([], Synthetic, epochs: 2, seed: 21), Job(new() { ["optimizer"] = "sgd", ["lr"] = 0.05 }, Synthetic, epochs: 2, seed: 22) };
        var sequential = jobs.Select(job => TrialTrainer.Run(job, new RecordingObserver(), CancellationToken.None)).ToArray();

        var concurrent = new TrainingResult[jobs.Length];
        var threads = jobs.Select((job, i) => new Thread(() => concurrent[i] = TrialTrainer.Run(job, new RecordingObserver(), CancellationToken.None))).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        for (var i = 0; i < jobs.Length; i++)
        {
            // Tolerances, not equality: another test may change the intra-op thread count between
            // the runs, and a reduction split differently rounds differently.
            Assert.Equal(sequential[i].InitialLoss, concurrent[i].InitialLoss, 1e-5);
            Assert.Equal(sequential[i].LastEpoch!.TrainLoss, concurrent[i].LastEpoch!.TrainLoss, 1e-4);
            Assert.Equal(sequential[i].TestAccuracy!.Value, concurrent[i].TestAccuracy!.Value, 0.01);
        }
    }

    [Fact]
    public void Run_DeeperMlpWithDropout_Learns()
    {
        var parameters = new Dictionary<string, object>
        {
            ["hidden"] = new long[] { 128, 64 },
            ["activation"] = "silu",
            ["dropout"] = 0.2,
        };

        var result = TrialTrainer.Run(Job(parameters, Synthetic, epochs: 2), new RecordingObserver(), CancellationToken.None);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.True(result.LastEpoch!.ValAccuracy > 0.5);
    }

    [Fact]
    public void Run_Cnn_LearnsFashionMnist()
    {
        // The synthetic clusters have no spatial structure for convolutions to find; real images do.
        var data = FashionMnistTests.Options(trainSubset: 2_000, validation: 500);
        var parameters = new Dictionary<string, object> { ["model"] = "cnn" };
        var observer = new RecordingObserver();

        var result = TrialTrainer.Run(Job(parameters, data, epochs: 1), observer, CancellationToken.None);

        output.WriteLine($"cnn: {observer.Reports[0].SamplesPerSecond:F0} samples/s, val accuracy {result.LastEpoch!.ValAccuracy:F3}");
        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.True(result.LastEpoch!.ValAccuracy > 0.5, $"val accuracy {result.LastEpoch.ValAccuracy}");
    }

    [Fact]
    public void Run_BadParameter_ThrowsBeforeTraining()
    {
        var job = Job(new() { ["optimizer"] = "lbfgs" }, Synthetic, epochs: 1);

        Assert.Throws<InvalidTrainingConfigException>(() => TrialTrainer.Run(job, new RecordingObserver(), CancellationToken.None));
    }

    private static TrainingJob Job(Dictionary<string, object> parameters, DataSetOptions data, int epochs, int seed = 1) =>
        new("trial-1", parameters, data, epochs, seed);
}
