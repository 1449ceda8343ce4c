using HyperSearch.Spec;
using HyperSearch.Sweeps;
using static HyperSearch.Core.Tests.Sweeps.SweepBookFixture;

namespace HyperSearch.Core.Tests.Sweeps;

/// <summary>A lost attempt's successor continues from the newest checkpoint the sweep heard of, and the curve holds each epoch once.</summary>
public sealed class SweepBookResumeTests
{
    private static readonly DateTime Expired = T0 + TimeSpan.FromSeconds(11);

    private static EpochMetrics Saved(int epoch, string path, double accuracy = 0.8) => Epoch(epoch, accuracy) with { ResumeCheckpoint = path };

    /// <summary>Attempt 1 reports epochs 1-4 (checkpoints after 2 and 3) and its lease expires.</summary>
    private static (SweepBook Book, TrialLease Lost) LoseAfterFourEpochs(SweepSpec spec)
    {
        var book = Book(spec);
        var lost = book.Lease("dead/0", T0)!;
        book.Report(lost.Key, Epoch(1, 0.51), T0);
        book.Report(lost.Key, Saved(2, "/store/r1/epoch-2", 0.52), T0);
        book.Report(lost.Key, Saved(3, "/store/r1/epoch-3", 0.53), T0);
        book.Report(lost.Key, Epoch(4, 0.54), T0);
        book.Tick(Expired);
        return (book, lost);
    }

    [Fact]
    public void LostAttempt_NextLeaseResumesFromTheNewestCheckpointAndKeepsTheEpochsItCovers()
    {
        var (book, _) = LoseAfterFourEpochs(SweepSpecWith(trials: 1, maxEpochs: 6));

        var pending = book.State.Trials[0];
        Assert.Equal(TrialStatus.Pending, pending.Status);
        Assert.Equal([1, 2, 3], pending.Epochs.Select(e => e.Epoch)); // epoch 4 is not in any checkpoint: it trains again

        var next = book.Lease("alive/0", Expired)!;
        Assert.Equal(2, next.Key.Attempt);
        Assert.Equal([new ResumePoint("/store/r1/epoch-3", 3), new ResumePoint("/store/r1/epoch-2", 2)], next.ResumeFrom!);
        Assert.Equal(1, next.CheckpointEvery);

        for (var epoch = 4; epoch <= 6; epoch++)
        {
            book.Report(next.Key, Epoch(epoch, 0.6), Expired);
        }

        book.Finish(next.Key, Completed(), Expired);
        var trial = book.State.Trials[0];
        Assert.Equal(TrialStatus.Completed, trial.Status);
        Assert.Equal([1, 2, 3, 4, 5, 6], trial.Epochs.Select(e => e.Epoch));
        Assert.Equal(0.53, trial.Epochs[2].Get("val_accuracy")); // attempt 1's figures for the epochs it covered
        Assert.Equal(0.6, trial.Epochs[3].Get("val_accuracy"));
        Assert.Equal([3], trial.ResumedFrom!);
        Assert.Equal(4 + 3, book.State.EpochsTrained); // every epoch trained, the lost epoch 4 included
        Assert.All(trial.Epochs, e => Assert.Null(e.ResumeCheckpoint));
    }

    [Fact]
    public void Summary_SaysWhatTheLostAttemptCostAndWhatResumingKept()
    {
        var (book, _) = LoseAfterFourEpochs(SweepSpecWith(trials: 1, maxEpochs: 6));
        var next = book.Lease("alive/0", Expired)!;
        for (var epoch = 4; epoch <= 6; epoch++)
        {
            book.Report(next.Key, Epoch(epoch), Expired);
        }

        book.Finish(next.Key, Completed(), Expired);
        var summary = RunSummary.Build(book.Snapshot(), Expired);

        var faults = summary["faults"]!.AsObject();
        Assert.Equal(1, (int)faults["requeuedAttempts"]!);
        Assert.Equal(1, (int)faults["resumedAttempts"]!);
        Assert.Equal(6, (int)faults["epochsInCurves"]!);
        Assert.Equal(1, (int)faults["epochsRetrained"]!); // epoch 4, lost with attempt 1
        Assert.Equal("[3]", summary["best"]!["resumedFrom"]!.ToJsonString());

        var clean = Book(SweepSpecWith(trials: 1));
        RunToCompletion(clean, "a/0", T0);
        Assert.False(RunSummary.Build(clean.Snapshot(), T0).ContainsKey("faults"));
    }

    [Fact]
    public void ResumeOff_TheNextAttemptStartsAtEpochOne()
    {
        var spec = SweepSpecWith(trials: 1, maxEpochs: 6) with { Checkpoints = new CheckpointSpec(Resume: false, EveryEpochs: 2) };
        var (book, _) = LoseAfterFourEpochs(spec);

        Assert.Empty(book.State.Trials[0].Epochs);
        var next = book.Lease("alive/0", Expired)!;
        Assert.Null(next.ResumeFrom);
        Assert.Equal(0, next.CheckpointEvery); // and saves none: nothing would read them
    }

    [Fact]
    public void AttemptThatFellBackToAnOlderCheckpoint_ReplacesTheEpochsAfterIt()
    {
        var (book, _) = LoseAfterFourEpochs(SweepSpecWith(trials: 1, maxEpochs: 6));
        var next = book.Lease("alive/0", Expired)!;

        // Epoch 3's checkpoint read back corrupt: the trainer continued from epoch 2's.
        book.Report(next.Key, Saved(3, "/store/r2/epoch-3", 0.63), Expired);

        var trial = book.State.Trials[0];
        Assert.Equal([1, 2, 3], trial.Epochs.Select(e => e.Epoch));
        Assert.Equal(0.63, trial.Epochs[^1].Get("val_accuracy"));
        Assert.Equal([2], trial.ResumedFrom!);
        Assert.Equal([new ResumePoint("/store/r1/epoch-2", 2), new ResumePoint("/store/r2/epoch-3", 3)], trial.ResumePoints!);

        // A second delivery of that report changes nothing.
        book.Report(next.Key, Saved(3, "/store/r2/epoch-3", 0.99), Expired);
        Assert.Equal(0.63, book.State.Trials[0].Epochs[^1].Get("val_accuracy"));
    }

    [Fact]
    public void TrainerThatCannotResume_StartsOverAndIsNotOfferedTheUnusedCheckpointsAgain()
    {
        var (book, _) = LoseAfterFourEpochs(SweepSpecWith(trials: 1, maxEpochs: 6));
        var second = book.Lease("alive/0", Expired)!;

        book.Report(second.Key, Epoch(1, 0.7), Expired);
        book.Report(second.Key, Epoch(2, 0.7), Expired);

        var trial = book.State.Trials[0];
        Assert.Equal([1, 2], trial.Epochs.Select(e => e.Epoch));
        Assert.All(trial.Epochs, e => Assert.Equal(0.7, e.Get("val_accuracy")));
        Assert.Null(trial.ResumedFrom);
        Assert.Null(trial.ResumePoints);

        book.Tick(Expired + TimeSpan.FromSeconds(11));
        Assert.Equal(TrialStatus.Failed, book.State.Trials[0].Status); // the policy allows two attempts
    }

    [Fact]
    public void StateWithResumePoints_SurvivesARestartOfTheBook()
    {
        var (book, _) = LoseAfterFourEpochs(SweepSpecWith(trials: 1, maxEpochs: 6));

        var rebuilt = new SweepBook(book.State, Policy);
        var next = rebuilt.Lease("alive/0", Expired)!;

        Assert.Equal(3, next.ResumeFrom![0].Epoch);
    }
}
