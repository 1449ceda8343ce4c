using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Tests.Steps;

/// <summary>
/// sdk-torchsharp/Steps: a plugin written on StepTrainer resumes from its epoch checkpoints with no
/// code of its own for it: after a fault (the attempt's token cancelled mid-epoch), as a paused trial
/// does, and from another trial's checkpoint with its own parameters (a PBT exploit).
/// </summary>
public sealed class StepTrainerTests : IDisposable
{
    private const int Epochs = 4;
    private readonly string _store = Directory.CreateTempSubdirectory("step-trainer-test-").FullName;
    private readonly TinyStepTrainer _trainer = new();

    public void Dispose() => Directory.Delete(_store, recursive: true);

    private TrialContext Context(string attempt, double lr = 3e-3, CancellationTokenSource? fault = null) => new(
        "sweep/t001#" + attempt,
        new TrialParameters(new Dictionary<string, object> { ["lr"] = lr }),
        Epochs,
        Seed: 7,
        Device: "cpu",
        CheckpointDirectory: Path.Combine(_store, attempt),
        ObjectiveMetric: "val_acc",
        new DataSetReference("synthetic", string.Empty, TrainSubset: 400, Validation: 200, SplitSeed: 1),
        fault?.Token ?? CancellationToken.None)
    {
        Checkpoints = new EpochCheckpoints(Path.Combine(_store, "resume-" + attempt), everyEpochs: 1),
    };

    [Fact]
    public void ResumedAttempt_TrainsTheNextEpochsAsTheUninterruptedRunDid()
    {
        var whole = new RecordingReporter();
        var wholeResult = _trainer.Train(Context("a1"), whole);

        Assert.Equal(TrialEnd.Completed, wholeResult.End);
        Assert.Equal([true, true, true, false], whole.Reports.Select(r => r.ResumeCheckpoint is not null));
        var afterTwo = whole.Reports[1].ResumeCheckpoint!;
        Assert.Null(CheckpointSeal.Verify(afterTwo, 2));

        var resumed = new RecordingReporter();
        var resumedResult = _trainer.Train(Context("a2") with { ResumeFrom = new ResumeCheckpoint(afterTwo, 2) }, resumed);

        Assert.Equal([3, 4], resumed.Reports.Select(r => r.Epoch));
        Assert.Equal(Epochs, resumedResult.EpochsTrained);
        for (var i = 0; i < 2; i++)
        {
            foreach (var metric in new[] { "train_loss", "val_loss", "val_acc" })
            {
                Assert.Equal(whole.Reports[i + 2].Metrics[metric], resumed.Reports[i].Metrics[metric], 6);
            }
        }

        // The best epoch of all four: its test figures and its ensemble files, whichever attempt saw it.
        Assert.Equal(wholeResult.TestMetrics["test_acc"], resumedResult.TestMetrics["test_acc"], 6);
        Assert.All(
            [EnsembleFiles.ValidationProbabilities, EnsembleFiles.ValidationLabels, EnsembleFiles.TestProbabilities, EnsembleFiles.TestLabels],
            name => Assert.Equal(File.ReadAllBytes(Path.Combine(wholeResult.CheckpointDirectory!, name)), File.ReadAllBytes(Path.Combine(resumedResult.CheckpointDirectory!, name))));
    }

    [Fact]
    public void AttemptCancelledMidEpoch_StopsAtItsLastEpochAndTheNextContinuesFromItsCheckpoint()
    {
        using var fault = new CancellationTokenSource();
        // The silo goes down while epoch 3 trains: the token fires between its batches.
        var first = new RecordingReporter(report =>
        {
            if (report.Epoch == 2)
            {
                fault.Cancel();
            }

            return TrialDirective.Continue;
        });
        var cancelled = _trainer.Train(Context("a1", fault: fault), first);

        Assert.Equal(TrialEnd.Stopped, cancelled.End);
        Assert.Equal(2, cancelled.EpochsTrained);
        var newest = first.Reports.Last(r => r.ResumeCheckpoint is not null);
        Assert.Equal(2, newest.Epoch);

        var next = new RecordingReporter();
        var resumed = _trainer.Train(Context("a2") with { ResumeFrom = new ResumeCheckpoint(newest.ResumeCheckpoint!, newest.Epoch) }, next);

        Assert.Equal([3, 4], next.Reports.Select(r => r.Epoch));
        Assert.Equal(TrialEnd.Completed, resumed.End);
    }

    [Fact]
    public void PausedTrial_StopsWithACheckpointAndIsPromotedFromIt()
    {
        // ASHA's pause mode: the sweep says stop at a rung, then promotes the trial from that epoch's checkpoint.
        var rung = new RecordingReporter(report => report.Epoch == 1 ? TrialDirective.Stop : TrialDirective.Continue);
        var paused = _trainer.Train(Context("a1"), rung);

        Assert.Equal(TrialEnd.Stopped, paused.End);
        Assert.Equal(1, paused.EpochsTrained);
        var checkpoint = Assert.Single(rung.Reports).ResumeCheckpoint;
        Assert.NotNull(checkpoint);

        var promoted = new RecordingReporter();
        var result = _trainer.Train(Context("a2") with { ResumeFrom = new ResumeCheckpoint(checkpoint, 1) }, promoted);

        Assert.Equal([2, 3, 4], promoted.Reports.Select(r => r.Epoch));
        Assert.Equal(Epochs, result.EpochsTrained);
    }

    [Fact]
    public void ExploitingTrial_ContinuesFromAnotherTrialsCheckpointWithItsOwnLearningRate()
    {
        var donor = new RecordingReporter();
        _trainer.Train(Context("donor", lr: 3e-3), donor);
        var checkpoint = donor.Reports[1].ResumeCheckpoint!;

        var exploiter = new RecordingReporter();
        _trainer.Train(Context("exploiter", lr: 1e-4) with { ResumeFrom = new ResumeCheckpoint(checkpoint, 2) }, exploiter);

        Assert.Equal([3, 4], exploiter.Reports.Select(r => r.Epoch));
        Assert.All(exploiter.Reports, r => Assert.Equal(1e-4, r.Metrics["lr"], 12));
        Assert.All(donor.Reports, r => Assert.Equal(3e-3, r.Metrics["lr"], 12));
        // The donor's weights came along: its third epoch starts far below a fresh model's loss.
        Assert.True(exploiter.Reports[0].Metrics["train_loss"] < donor.Reports[0].Metrics["train_loss"], $"{exploiter.Reports[0].Metrics["train_loss"]} vs {donor.Reports[0].Metrics["train_loss"]}");
    }

    [Fact]
    public void CheckpointOfAnotherKind_FailsTheResumeWithItsPath()
    {
        var foreign = Directory.CreateDirectory(Path.Combine(_store, "foreign")).FullName;
        File.WriteAllText(Path.Combine(foreign, "weights.bin"), "not ours");

        var error = Assert.Throws<InvalidDataException>(() => _trainer.Train(Context("a1") with { ResumeFrom = new ResumeCheckpoint(foreign, 2) }, new RecordingReporter()));

        Assert.Contains(foreign, error.Message);
    }
}
