using HyperSearch.Ensembles;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using static HyperSearch.Core.Tests.Sweeps.SweepBookFixture;

namespace HyperSearch.Core.Tests.Sweeps;

/// <summary><c>ensemble.retrain</c>: after the search, the top_k completed trials train again on training + validation data before the sweep completes.</summary>
public sealed class SweepBookRetrainTests
{
    private static SweepSpec RetrainSpec(int trials, int topK, int maxEpochs = 4, int parallelism = 0, TimeSpan? timeLimit = null) =>
        SweepSpecWith(trials, maxEpochs, parallelism, timeLimit) with { Ensemble = new EnsembleSpec(topK, EnsembleMethod.Average, Retrain: true) };

    private static TrialFinish CompletedWithCheckpoint(string path) => Completed() with { CheckpointPath = path };

    /// <summary>Runs one trial whose val_accuracy per epoch is <paramref name="curve"/>, finished with a checkpoint.</summary>
    private static void RunTrial(SweepBook book, DateTime now, params double[] curve)
    {
        var lease = book.Lease("a/0", now)!;
        for (var i = 0; i < curve.Length; i++)
        {
            book.Report(lease.Key, Epoch(i + 1, curve[i]), now);
        }

        book.Finish(lease.Key, CompletedWithCheckpoint($"/store/{lease.Key.TrialNumber}"), now);
    }

    [Fact]
    public void SearchEnds_TheTopKTrainAgainForTheirBestEpoch_ThenTheSweepCompletes()
    {
        var book = Book(RetrainSpec(trials: 3, topK: 2));
        RunTrial(book, T0, 0.70, 0.80, 0.75, 0.74); // t000: best 0.80 at epoch 2, last 0.74
        RunTrial(book, T0, 0.60, 0.65, 0.70, 0.72); // t001: last 0.72, best at epoch 4
        RunTrial(book, T0, 0.50, 0.55, 0.56, 0.57); // t002: last 0.57, not among the top 2

        Assert.Equal(SweepStatus.Running, book.State.Status);
        var jobs = book.State.Retrains!;
        Assert.Equal([(0, 2), (1, 4)], jobs.Select(j => (j.TrialNumber, j.Epochs)));

        var first = book.Lease("a/0", T0)!;
        var second = book.Lease("b/0", T0)!;
        Assert.Null(book.Lease("c/0", T0)); // two jobs only
        Assert.True(first.ValidationInTraining);
        Assert.True(first.Key.Retrain);
        Assert.Equal((0, 2, book.TrialSeed(0)), (first.Key.TrialNumber, first.MaxEpochs, first.Seed));
        Assert.Equal(book.State.Trials[0].Parameters, first.Parameters);
        Assert.Equal((1, 4), (second.Key.TrialNumber, second.MaxEpochs));
        Assert.Equal(1, first.CheckpointEvery); // resumable checkpoints, as the spec's checkpoints: asks of trials

        var epochsBefore = book.State.EpochsTrained;
        book.Report(first.Key, Epoch(1), T0);
        book.Report(first.Key, Epoch(2), T0);
        Assert.Equal(TrialStatus.Completed, book.State.Trials[0].Status);
        Assert.Equal(4, book.State.Trials[0].Epochs.Length); // the trial's own curve is untouched
        Assert.Equal(epochsBefore, book.State.EpochsTrained); // retraining is counted apart
        book.Finish(first.Key, CompletedWithCheckpoint("/store/0-retrain"), T0);
        Assert.Equal(SweepStatus.Running, book.State.Status);

        for (var epoch = 1; epoch <= 4; epoch++)
        {
            book.Report(second.Key, Epoch(epoch), T0);
        }

        book.Finish(second.Key, CompletedWithCheckpoint("/store/1-retrain"), T0);
        Assert.Equal(SweepStatus.Completed, book.State.Status);
        Assert.Equal(SweepEndReason.TrialBudget, book.State.EndReason);
        var snapshot = book.Snapshot();
        Assert.True(snapshot.IsFinished);
        Assert.Equal(["/store/0-retrain", "/store/1-retrain"], snapshot.Retrains!.Select(r => r.CheckpointPath));
        Assert.Equal([2, 4], snapshot.Retrains!.Select(r => r.Curve!.Length));

        var json = RunSummary.Build(snapshot, T0)["retrains"]!.AsArray();
        Assert.Equal(["t000", "t001"], json.Select(r => (string)r!["trialId"]!));
        Assert.Equal([2, 4], json.Select(r => (int)r!["epochs"]!));
        Assert.All(json, r => Assert.Equal("completed", (string)r!["status"]!));
        Assert.Equal(0.8, (double)json[0]!["test"]!["test_accuracy"]!);
    }

    [Fact]
    public void Plan_TakesCompletedAndPrunedTrialsWithACheckpoint_BestFirst()
    {
        static TrialRecord Trial(int number, TrialStatus status, string? checkpoint, params double[] curve) =>
            TrialRecord.CreatePending(number, []) with
            {
                Status = status,
                CheckpointPath = checkpoint,
                Epochs = curve.Select((v, i) => Epoch(i + 1, v)).ToArray(),
            };

        var trials = new[]
        {
            Trial(0, TrialStatus.Completed, "/c/0", 0.70, 0.80, 0.82),
            Trial(1, TrialStatus.Pruned, "/c/1", 0.85, 0.86),          // pruned late, better than t000
            Trial(2, TrialStatus.Pruned, null, 0.90),                    // no checkpoint
            Trial(3, TrialStatus.Diverged, "/c/3", 0.95),
            Trial(4, TrialStatus.Cancelled, "/c/4", 0.99),
            Trial(5, TrialStatus.Pruned, "/c/5", 0.60),
        };

        var jobs = RetrainQueue.Plan(trials, new ObjectiveSpec("val_accuracy", ObjectiveMode.Max), topK: 2);

        Assert.Equal([(1, 2), (0, 3)], jobs.Select(j => (j.TrialNumber, j.Epochs)));
    }

    [Fact]
    public void WithoutRetrain_TheSweepCompletesWithTheSearch()
    {
        var book = Book(SweepSpecWith(trials: 1) with { Ensemble = new EnsembleSpec(2, EnsembleMethod.Average, Retrain: false) });
        RunTrial(book, T0, 0.7, 0.8, 0.9);

        Assert.Equal(SweepStatus.Completed, book.State.Status);
        Assert.Null(book.State.Retrains);
    }

    [Fact]
    public void NothingCompletedWithACheckpoint_NothingToRetrain_TheSweepCompletes()
    {
        var book = Book(RetrainSpec(trials: 1, topK: 3));
        var lease = book.Lease("a/0", T0)!;
        book.Finish(lease.Key, new TrialFinish(TrialOutcome.Diverged, null, 2.3, "loss is NaN", Retryable: false), T0);

        Assert.Equal(SweepStatus.Completed, book.State.Status);
        Assert.Empty(book.State.Retrains!);
    }

    [Fact]
    public void LostRetrainAttemptWithoutACheckpoint_StartsAgainAtEpochOne_AndReportsOfTheLostOneChangeNothing()
    {
        var book = Book(RetrainSpec(trials: 1, topK: 1));
        RunTrial(book, T0, 0.7, 0.8);
        var lost = book.Lease("dead/0", T0)!;
        book.Report(lost.Key, Epoch(1), T0);

        book.Tick(T0 + TimeSpan.FromSeconds(11));
        Assert.Equal(TrialStatus.Pending, book.State.Retrains![0].Status);
        var next = book.Lease("alive/0", T0 + TimeSpan.FromSeconds(11))!;
        Assert.Equal(2, next.Key.Attempt);
        Assert.Null(next.ResumeFrom);

        Assert.Equal(LeaseDirective.Stop, book.Report(lost.Key, Epoch(2), T0 + TimeSpan.FromSeconds(12)));
        Assert.False(book.Finish(lost.Key, CompletedWithCheckpoint("/store/stale"), T0 + TimeSpan.FromSeconds(12)));
        Assert.Empty(book.State.Retrains[0].Curve!);
    }

    [Fact]
    public void LostRetrainAttempt_ContinuesFromItsNewestCheckpoint_EachEpochOnceInTheCurve()
    {
        var book = Book(RetrainSpec(trials: 1, topK: 1));
        RunTrial(book, T0, 0.70, 0.80, 0.85, 0.90); // best at epoch 4: retrained for 4
        var lost = book.Lease("dead/0", T0)!;
        book.Report(lost.Key, Epoch(1) with { ResumeCheckpoint = "/store/t000-retrain/resume-1/epoch-1" }, T0);
        book.Report(lost.Key, Epoch(2) with { ResumeCheckpoint = "/store/t000-retrain/resume-1/epoch-2" }, T0);
        book.Report(lost.Key, Epoch(3), T0); // trained, but no checkpoint covers it: trained again
        var later = T0 + TimeSpan.FromSeconds(11);

        book.Tick(later);
        var next = book.Lease("alive/0", later)!;

        Assert.Equal(["/store/t000-retrain/resume-1/epoch-2", "/store/t000-retrain/resume-1/epoch-1"], next.ResumeFrom!.Select(p => p.Path));
        Assert.Equal([1, 2], book.State.Retrains![0].Curve!.Select(e => e.Epoch));
        Assert.Equal(LeaseDirective.Stop, book.Report(lost.Key, Epoch(4), later)); // the lost attempt, late: nothing changes
        book.Report(next.Key, Epoch(3), later);
        book.Report(next.Key, Epoch(3), later); // a duplicate delivery
        book.Report(next.Key, Epoch(4), later);
        Assert.True(book.Finish(next.Key, CompletedWithCheckpoint("/store/t000-retrain/attempt-2"), later));

        var job = book.State.Retrains[0];
        Assert.Equal(TrialStatus.Completed, job.Status);
        Assert.Equal([1, 2, 3, 4], job.Curve!.Select(e => e.Epoch));
        Assert.Equal([2], job.ResumedFrom!);
        Assert.All(job.Curve!, e => Assert.Null(e.ResumeCheckpoint)); // paths are kept once, in ResumePoints
        var json = RunSummary.Build(book.Snapshot(), later)["retrains"]!.AsArray();
        Assert.Equal("[2]", json[0]!["resumedFrom"]!.ToJsonString());
    }

    [Fact]
    public void ResumedRetrainAttempt_ThatFellBackToTheOlderCheckpoint_DropsTheEpochsAfterIt()
    {
        var book = Book(RetrainSpec(trials: 1, topK: 1));
        RunTrial(book, T0, 0.70, 0.80, 0.85, 0.90);
        var lost = book.Lease("dead/0", T0)!;
        book.Report(lost.Key, Epoch(1) with { ResumeCheckpoint = "/store/r/epoch-1" }, T0);
        book.Report(lost.Key, Epoch(2) with { ResumeCheckpoint = "/store/r/epoch-2" }, T0);
        var later = T0 + TimeSpan.FromSeconds(11);
        book.Tick(later);
        var next = book.Lease("alive/0", later)!;

        // The newest read back corrupt: the trainer continued from epoch 1's, so its first report is epoch 2.
        Assert.Equal(LeaseDirective.Continue, book.Report(next.Key, Epoch(2) with { ResumeCheckpoint = "/store/r2/epoch-2" }, later));

        var job = book.State.Retrains![0];
        Assert.Equal([1, 2], job.Curve!.Select(e => e.Epoch));
        Assert.Equal([1], job.ResumedFrom!);
        Assert.Equal(["/store/r/epoch-1", "/store/r2/epoch-2"], job.ResumePoints!.Select(p => p.Path));
    }

    [Fact]
    public void RetrainWithResumeOff_SavesNoCheckpoints()
    {
        var book = Book(RetrainSpec(trials: 1, topK: 1) with { Checkpoints = new CheckpointSpec(EveryEpochs: 1, Resume: false) });
        RunTrial(book, T0, 0.7, 0.8);

        var lease = book.Lease("a/0", T0)!;

        Assert.Equal(0, lease.CheckpointEvery);
        Assert.Null(lease.ResumeFrom);
    }

    [Fact]
    public void FailingRetrain_EndsFailedAfterItsAttempts_AndTheSweepStillCompletes()
    {
        var book = Book(RetrainSpec(trials: 1, topK: 1));
        RunTrial(book, T0, 0.7, 0.8);
        for (var attempt = 1; attempt <= Policy.MaxAttempts; attempt++)
        {
            var lease = book.Lease("a/0", T0)!;
            Assert.Equal(attempt, lease.Key.Attempt);
            book.Finish(lease.Key, new TrialFinish(TrialOutcome.Failed, null, null, "out of memory", Retryable: true), T0);
        }

        Assert.Equal(TrialStatus.Failed, book.State.Retrains![0].Status);
        Assert.Equal(SweepStatus.Completed, book.State.Status);
    }

    [Fact]
    public void TimeLimit_BoundsTheSearchOnly_RetrainingRunsPastIt()
    {
        var book = Book(RetrainSpec(trials: 1, topK: 1, timeLimit: TimeSpan.FromMinutes(1)));
        RunTrial(book, T0, 0.7, 0.8);
        var late = T0 + TimeSpan.FromMinutes(5);

        var lease = book.Lease("a/0", late)!;
        Assert.Equal(LeaseDirective.Continue, book.Report(lease.Key, Epoch(1), late));
        book.Tick(late);
        Assert.Equal(LeaseDirective.Continue, book.Report(lease.Key, Epoch(2), late));
        book.Finish(lease.Key, CompletedWithCheckpoint("/store/r"), late);

        Assert.Equal(TrialStatus.Completed, book.State.Retrains![0].Status);
        Assert.Equal(SweepStatus.Completed, book.State.Status);
        Assert.Equal(SweepEndReason.TrialBudget, book.State.EndReason); // the search's reason, though retraining ended past the limit
    }

    [Fact]
    public void Cancel_DuringRetraining_StopsTheRunningJobAndEndsTheQueuedOnes()
    {
        var book = Book(RetrainSpec(trials: 2, topK: 2, parallelism: 1));
        RunTrial(book, T0, 0.7, 0.8);
        RunTrial(book, T0, 0.6, 0.7);
        var running = book.Lease("a/0", T0)!;
        Assert.Null(book.Lease("b/0", T0)); // parallelism 1 holds for retraining too

        book.Cancel(T0);
        Assert.Equal(LeaseDirective.Stop, book.Report(running.Key, Epoch(1), T0));
        book.Finish(running.Key, new TrialFinish(TrialOutcome.Stopped, null, null, null, Retryable: true), T0);

        Assert.All(book.State.Retrains!, j => Assert.Equal(TrialStatus.Cancelled, j.Status));
        Assert.Equal(SweepStatus.Cancelled, book.State.Status);
    }

    [Fact]
    public void StoredState_RebuiltBook_GoesOnRetraining()
    {
        var book = Book(RetrainSpec(trials: 1, topK: 1));
        RunTrial(book, T0, 0.7, 0.8);
        var lease = book.Lease("a/0", T0)!;

        var rebuilt = new SweepBook(book.State, Policy);
        rebuilt.Report(lease.Key, Epoch(1), T0);
        rebuilt.Report(lease.Key, Epoch(2), T0);
        Assert.True(rebuilt.Finish(lease.Key, CompletedWithCheckpoint("/store/r"), T0));

        Assert.Equal(SweepStatus.Completed, rebuilt.State.Status);
    }
}
