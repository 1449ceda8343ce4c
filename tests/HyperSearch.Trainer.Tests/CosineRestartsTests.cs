using HyperSearch.Trainer.Checkpoints;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Tests;

/// <summary>lr_schedule: cosine_restarts, SGDR's warm restarts (trainer/Training/LearningRateSchedule.cs).</summary>
public sealed class CosineRestartsTests
{
    [Fact]
    public void FallsToZeroWithinEachCycleAndRestarts()
    {
        // 4 steps per epoch, 2-epoch cycles (8 steps), 6 epochs: cycles start at steps 0, 8 and 16.
        var schedule = new LearningRateSchedule("cosine_restarts", baseRate: 0.1, decay: 0.5, periodEpochs: 2, warmupEpochs: 0, totalEpochs: 6, stepsPerEpoch: 4);

        Assert.Equal(0.1, schedule.At(0), 12);
        Assert.Equal(0.05, schedule.At(4), 12); // half way through the first cycle
        Assert.Equal(0.1 * (1 + Math.Cos(Math.PI * 7 / 8)) / 2, schedule.At(7), 12);
        Assert.Equal(0.1, schedule.At(8), 12);  // restarted
        Assert.Equal(0.05, schedule.At(12), 12);
        Assert.Equal(0.1, schedule.At(16), 12);
        Assert.Equal([2.0, 4.0, 6.0], schedule.CycleEnds());
    }

    [Fact]
    public void WithAMultiplier_EachCycleIsLongerThanTheOneBefore()
    {
        // Cycles of 1, 2 and 4 epochs (4 steps each): they start at steps 0, 4 and 12, after one epoch of warm-up (4 steps).
        var schedule = new LearningRateSchedule(
            "cosine_restarts", baseRate: 0.1, decay: 0.5, periodEpochs: 1, warmupEpochs: 1, totalEpochs: 8, stepsPerEpoch: 4, cycleMultiplier: 2);

        Assert.Equal(0.025, schedule.At(0), 12); // warm-up
        Assert.Equal(0.1, schedule.At(4), 12);   // first cycle
        Assert.Equal(0.1, schedule.At(8), 12);   // second cycle starts one epoch later
        Assert.Equal(0.05, schedule.At(12), 12); // half way through it
        Assert.Equal(0.1, schedule.At(16), 12);  // third cycle, after 1 + 2 epochs
        Assert.Equal(0.05, schedule.At(24), 12); // half way through its 4 epochs
        Assert.Equal([1.0, 3.0, 7.0], schedule.CycleEnds());
        Assert.Equal((2, 0.5), schedule.CyclePosition(5));
    }

    [Fact]
    public void CyclePosition_FarIntoALongRun_LandsOnTheRightCycle()
    {
        var even = new LearningRateSchedule("cosine_restarts", 0.1, 0.5, periodEpochs: 2, warmupEpochs: 0, totalEpochs: 100_000, stepsPerEpoch: 1);
        var doubling = new LearningRateSchedule("cosine_restarts", 0.1, 0.5, periodEpochs: 3, warmupEpochs: 0, totalEpochs: 100_000, stepsPerEpoch: 1, cycleMultiplier: 2);

        Assert.Equal((500, 0.25), even.CyclePosition(1000.5));
        Assert.Equal((10, 0.0), doubling.CyclePosition(3 * 1023)); // 3 x (2^10 - 1): the eleventh cycle's first step
        Assert.Equal(9, doubling.CyclePosition((3 * 1023) - 0.5).Cycle);
    }

    [Fact]
    public void Config_ReadsTheCycleMultiplier()
    {
        var config = TrainingConfig.Parse(new Dictionary<string, object> { ["lr_schedule"] = "cosine_restarts", ["lr_step"] = 2L, ["lr_cycle_multiplier"] = 3L });

        var schedule = LearningRateSchedule.For(config, totalEpochs: 8, stepsPerEpoch: 10);

        Assert.Equal((2.0, 3), (schedule.PeriodEpochs, schedule.CycleMultiplier));
        Assert.Equal([2.0, 8.0], schedule.CycleEnds());
    }

    /// <summary>
    /// Real training on Fashion-MNIST: with one-epoch cycles every epoch ends near a learning rate of
    /// 0 (a snapshot point), where plain cosine over the same two epochs is still at half the rate.
    /// </summary>
    [Fact]
    public void Training_EndsEveryOneEpochCycleNearZeroOnFashionMnist()
    {
        TorchRuntime.EnsureInitializedOnThisThread();
        var data = new DataSetOptions(DataSets.FashionMnist, string.Empty, TrainSubset: 512, Validation: 256, SplitSeed: 3);
        var parameters = new Dictionary<string, object>
        {
            ["lr_schedule"] = "cosine_restarts", ["lr_step"] = 1L, ["optimizer"] = "adam", ["lr"] = 3e-3, ["batch_size"] = 32L, ["hidden"] = new long[] { 64 },
        };
        var observer = new RecordingObserver();

        var result = TestJobs.Run(parameters, data, epochs: 2, observer: observer);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        var rates = observer.Reports.Select(r => r.Diagnostics["lr"]).ToList();
        Assert.Equal(2, rates.Count);
        // 512 images in batches of 32: 16 steps an epoch; each epoch's last step is 15/16 into its cycle.
        Assert.All(rates, rate => Assert.Equal(3e-3 * (1 + Math.Cos(Math.PI * 15 / 16)) / 2, rate, 12));
        var plain = LearningRateSchedule.For(TrainingConfig.Parse(parameters) with { Schedule = "cosine" }, totalEpochs: 2, stepsPerEpoch: 16);
        Assert.True(plain.At(15) > 20 * rates[0], $"plain cosine at the end of epoch 1: {plain.At(15)}");
        Assert.True(result.LastEpoch!.ValAccuracy > 0.5, $"val accuracy {result.LastEpoch.ValAccuracy}");
    }

    [Fact]
    public void SnapshotEpochs_AreTheLastCycleEndsOnWholeEpochs()
    {
        // One epoch of warm-up, then cycles of 1, 2 and 4 epochs: they end after epochs 2, 4 and 8.
        var doubling = new LearningRateSchedule("cosine_restarts", 0.1, 0.5, periodEpochs: 1, warmupEpochs: 1, totalEpochs: 8, stepsPerEpoch: 4, cycleMultiplier: 2);
        var cosine = new LearningRateSchedule("cosine", 0.1, 0.5, periodEpochs: 1, warmupEpochs: 0, totalEpochs: 8, stepsPerEpoch: 4);

        Assert.Equal([4, 8], SnapshotEpochs.Of(doubling, 2).Order());
        Assert.Equal([2, 4, 8], SnapshotEpochs.Of(doubling, 10).Order());
        Assert.Empty(SnapshotEpochs.Of(doubling, 0));
        Assert.Empty(SnapshotEpochs.Of(cosine, 2)); // no cycles, no snapshots
    }

    /// <summary>
    /// Real training on Fashion-MNIST with one-epoch cycles over three epochs and two snapshots:
    /// the models after epochs 2 and 3 are written beside the checkpoint, each with its own
    /// validation and test probabilities (ensemble candidates), and they differ.
    /// </summary>
    [Fact]
    public void Snapshots_KeepTheModelAtTheEndOfTheLastCyclesOnFashionMnist()
    {
        TorchRuntime.EnsureInitializedOnThisThread();
        var directory = Path.Combine(Path.GetTempPath(), $"hypersearch-snapshots-{Guid.NewGuid():N}", "attempt-1");
        try
        {
            var data = new DataSetOptions(DataSets.FashionMnist, string.Empty, TrainSubset: 384, Validation: 256, SplitSeed: 5);
            var parameters = new Dictionary<string, object>
            {
                ["lr_schedule"] = "cosine_restarts", ["lr_step"] = 1L, ["optimizer"] = "adam", ["lr"] = 3e-3, ["batch_size"] = 64L, ["hidden"] = new long[] { 32 },
            };
            var job = TestJobs.Job(parameters, data, epochs: 3) with { CheckpointDirectory = directory, Snapshots = 2 };

            var result = TrialTrainer.Run(job, new RecordingObserver(), CancellationToken.None);

            Assert.Equal(TrainingOutcome.Completed, result.Outcome);
            Assert.True(File.Exists(Path.Combine(directory, CheckpointFiles.Manifest)), "the trial's own checkpoint is still there");
            var snapshots = SnapshotDirectories.Find(directory);
            Assert.Equal([2, 3], snapshots.Select(s => s.Epoch));
            var validation = snapshots.Select(s => NpyFile.ReadFloat32(Path.Combine(s.Directory, CheckpointFiles.ValidationProbabilities))).ToList();
            Assert.All(validation, v => Assert.Equal([256L, 10L], v.Shape));
            Assert.All(snapshots, s => Assert.Equal(s.Epoch, CheckpointManifest.Read(Path.Combine(s.Directory, CheckpointFiles.Manifest)).Epoch));
            Assert.NotEqual(validation[0].Values, validation[1].Values);
            var test = NpyFile.ReadFloat32(Path.Combine(snapshots[1].Directory, CheckpointFiles.TestProbabilities));
            Assert.Equal([10_000L, 10L], test.Shape);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
        }
    }
}
