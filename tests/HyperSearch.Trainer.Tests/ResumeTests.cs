using HyperSearch.Sdk;
using HyperSearch.Trainer.Checkpoints;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Tests;

/// <summary>
/// The toolbox's resumable checkpoints: an attempt that continues from epoch K's checkpoint trains
/// epoch K + 1 exactly as the uninterrupted run did (weights, optimizer moments, learning-rate
/// schedule, shuffling and augmentation streams all restored), and keeps the best epoch of the whole trial.
/// </summary>
public sealed class ResumeTests : IDisposable
{
    private readonly string _store = Directory.CreateTempSubdirectory("resume-test-").FullName;

    public void Dispose() => Directory.Delete(_store, recursive: true);

    // Adam (moments and step count), a cosine schedule (position) and flips (augmentation stream);
    // no dropout, which draws from torch's process-wide generator.
    private static readonly Dictionary<string, object> Parameters = new()
    {
        ["model"] = "mlp",
        ["hidden"] = new long[] { 32 },
        ["optimizer"] = "adam",
        ["lr"] = 3e-3,
        ["lr_schedule"] = "cosine",
        ["augment"] = "flip",
    };

    private TrainingJob Job(string attempt, int epochs) => TestJobs.Job(Parameters, epochs: epochs) with
    {
        CheckpointDirectory = Path.Combine(_store, attempt),
        Checkpoints = new EpochCheckpoints(Path.Combine(_store, "resume-" + attempt), everyEpochs: 1),
    };

    [Fact]
    public void ResumedAttempt_TrainsTheNextEpochAsTheUninterruptedRunDid()
    {
        var whole = new RecordingObserver();
        var wholeResult = TrialTrainer.Run(Job("a1", epochs: 4), whole, CancellationToken.None);

        // Checkpoints after epochs 1-3 (none after the last); the two newest are kept.
        Assert.Equal([true, true, true, false], whole.Reports.Select(r => r.ResumeCheckpoint is not null));
        var afterTwo = whole.Reports[1].ResumeCheckpoint!;
        Assert.Null(CheckpointSeal.Verify(afterTwo, 2));

        var resumed = new RecordingObserver();
        var resumedResult = TrialTrainer.Run(Job("a2", epochs: 4) with { ResumeFrom = new ResumeCheckpoint(afterTwo, 2) }, resumed, CancellationToken.None);

        Assert.Equal([3, 4], resumed.Reports.Select(r => r.Epoch));
        Assert.Equal(4, resumedResult.EpochsTrained);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(whole.Reports[i + 2].TrainLoss, resumed.Reports[i].TrainLoss, 6);
            Assert.Equal(whole.Reports[i + 2].ValLoss, resumed.Reports[i].ValLoss, 6);
            Assert.Equal(whole.Reports[i + 2].ValAccuracy, resumed.Reports[i].ValAccuracy, 6);
        }

        Assert.Equal(wholeResult.InitialLoss, resumedResult.InitialLoss);
        Assert.Equal(wholeResult.Checkpoint!.Epoch, resumedResult.Checkpoint!.Epoch); // the best of all four epochs
        Assert.Equal(wholeResult.TestAccuracy!.Value, resumedResult.TestAccuracy!.Value, 6);
    }

    [Fact]
    public void ResumedRetraining_ContinuesAsTheUninterruptedRetrainingDid()
    {
        // ensemble.retrain: training + validation images, the last epoch checkpointed; a lost attempt continues too.
        TrainingJob Retrain(string attempt) => Job(attempt, epochs: 3) with { Data = TestJobs.Synthetic with { ValidationInTraining = true } };
        var whole = new RecordingObserver();
        var wholeResult = TrialTrainer.Run(Retrain("r1"), whole, CancellationToken.None);
        var resumed = new RecordingObserver();

        var resumedResult = TrialTrainer.Run(Retrain("r2") with { ResumeFrom = new ResumeCheckpoint(whole.Reports[0].ResumeCheckpoint!, 1) }, resumed, CancellationToken.None);

        Assert.Equal([2, 3], resumed.Reports.Select(r => r.Epoch));
        Assert.Equal(whole.Reports.Skip(1).Select(r => Math.Round(r.TrainLoss, 6)), resumed.Reports.Select(r => Math.Round(r.TrainLoss, 6)));
        Assert.Equal(3, resumedResult.Checkpoint!.Epoch); // retraining keeps its last epoch
        Assert.Equal(wholeResult.TestAccuracy!.Value, resumedResult.TestAccuracy!.Value, 6);
    }

    [Fact]
    public void FreshAttempt_DiffersFromAResumedOne()
    {
        // The comparison above could pass by accident if resuming were ignored and the run repeated itself:
        // a run from scratch reports epoch 1 first, and its epoch-3 figures are another model's.
        var whole = new RecordingObserver();
        TrialTrainer.Run(Job("b1", epochs: 3), whole, CancellationToken.None);
        var fromTwo = new RecordingObserver();
        TrialTrainer.Run(Job("b2", epochs: 3) with { ResumeFrom = new ResumeCheckpoint(whole.Reports[1].ResumeCheckpoint!, 2) }, fromTwo, CancellationToken.None);
        var fromOne = new RecordingObserver();
        TrialTrainer.Run(Job("b3", epochs: 3) with { ResumeFrom = new ResumeCheckpoint(whole.Reports[0].ResumeCheckpoint!, 1) }, fromOne, CancellationToken.None);

        Assert.Equal([3], fromTwo.Reports.Select(r => r.Epoch));
        Assert.Equal([2, 3], fromOne.Reports.Select(r => r.Epoch));
        Assert.NotEqual(whole.Reports[0].TrainLoss, whole.Reports[2].TrainLoss);
        Assert.Equal(fromTwo.Reports[0].ValLoss, fromOne.Reports[1].ValLoss, 6);
    }
}
