using HyperSearch.Sweeps;
using static HyperSearch.Core.Tests.Sweeps.SweepBookFixture;

namespace HyperSearch.Core.Tests.Sweeps;

public sealed class SweepBookTests
{
    [Fact]
    public void Lease_CreatesTrialsUpToTheBudgetThenNone()
    {
        var book = Book(SweepSpecWith(trials: 2));

        var first = book.Lease("a/0", T0);
        var second = book.Lease("a/1", T0);
        var third = book.Lease("a/2", T0);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(third);
        Assert.Equal([0, 1], new[] { first!.Key.TrialNumber, second!.Key.TrialNumber });
        Assert.Equal(1, first.Key.Attempt);
        Assert.NotEqual(first.Seed, second.Seed);
    }

    [Fact]
    public void Lease_RespectsParallelism()
    {
        var book = Book(SweepSpecWith(trials: 5, parallelism: 1));

        var first = book.Lease("a/0", T0)!;
        Assert.Null(book.Lease("a/1", T0));

        book.Finish(first.Key, Completed(), T0);
        Assert.NotNull(book.Lease("a/1", T0));
    }

    [Fact]
    public void Sweep_CompletesWhenEveryTrialFinished()
    {
        var book = Book(SweepSpecWith(trials: 2));

        RunToCompletion(book, "a/0", T0);
        Assert.Equal(SweepStatus.Running, book.State.Status);
        RunToCompletion(book, "a/0", T0);

        Assert.Equal(SweepStatus.Completed, book.State.Status);
        Assert.Equal(SweepEndReason.TrialBudget, book.State.EndReason);
        Assert.Equal(6, book.State.EpochsTrained);
        Assert.True(book.Snapshot().IsFinished);
    }

    [Fact]
    public void ExpiredLease_RequeuesTheTrialWithTheNextAttempt()
    {
        var book = Book(SweepSpecWith(trials: 1));
        var lost = book.Lease("dead/0", T0)!;
        book.Report(lost.Key, Epoch(1), T0);

        book.Tick(T0 + TimeSpan.FromSeconds(11));

        var trial = book.State.Trials[0];
        Assert.Equal(TrialStatus.Pending, trial.Status);
        Assert.Equal(2, trial.Attempt);
        Assert.Empty(trial.Epochs);
        Assert.Equal(1, book.State.LeaseExpiries);
        Assert.Equal(1, book.State.EpochsTrained);

        var retry = book.Lease("live/0", T0 + TimeSpan.FromSeconds(12))!;
        Assert.Equal(new TrialKey("s1", 0, 2), retry.Key);
        Assert.Equal(["dead/0", "live/0"], book.State.Trials[0].SlotHistory);
    }

    [Fact]
    public void Heartbeat_KeepsTheLeaseAlive()
    {
        var book = Book(SweepSpecWith(trials: 1));
        var lease = book.Lease("a/0", T0)!;

        Assert.Equal(LeaseDirective.Continue, book.Heartbeat(lease.Key, T0 + TimeSpan.FromSeconds(8)));
        book.Tick(T0 + TimeSpan.FromSeconds(15));

        Assert.Equal(TrialStatus.Running, book.State.Trials[0].Status);
    }

    [Fact]
    public void Heartbeat_ChangesNoRecord_SoItCostsNoWrite()
    {
        var book = Book(SweepSpecWith(trials: 1));
        var lease = book.Lease("a/0", T0)!;
        var record = book.State.Trials[0];
        var revision = book.State.Revision;

        book.Heartbeat(lease.Key, T0 + TimeSpan.FromSeconds(8));

        // The same record object: the store compares pages by reference and rewrites none.
        Assert.Same(record, book.State.Trials[0]);
        Assert.Equal(revision, book.State.Revision);
    }

    [Fact]
    public void RunningTrial_OfARebuiltBook_GetsAWholeLeaseFromItsFirstTick()
    {
        var book = Book(SweepSpecWith(trials: 1));
        book.Lease("a/0", T0);

        // A restart: the stored table, no lease deadlines. A tick long after the lease would have
        // ended must not expire it: the trainer gets a whole lease from now to speak up.
        var rebuilt = new SweepBook(book.State, Policy);
        var restart = T0 + TimeSpan.FromMinutes(5);
        rebuilt.Tick(restart);
        Assert.Equal(TrialStatus.Running, rebuilt.State.Trials[0].Status);

        rebuilt.Tick(restart + TimeSpan.FromSeconds(11));
        Assert.Equal((TrialStatus.Pending, 2), (rebuilt.State.Trials[0].Status, rebuilt.State.Trials[0].Attempt));
    }

    [Fact]
    public void StaleAttempt_ReportsAndFinishesChangeNothing()
    {
        var book = Book(SweepSpecWith(trials: 1));
        var lost = book.Lease("dead/0", T0)!;
        book.Tick(T0 + TimeSpan.FromSeconds(11));
        var retry = book.Lease("live/0", T0 + TimeSpan.FromSeconds(11))!;
        book.Report(retry.Key, Epoch(1, accuracy: 0.7), T0 + TimeSpan.FromSeconds(12));

        Assert.Equal(LeaseDirective.Stop, book.Report(lost.Key, Epoch(1, accuracy: 0.99), T0 + TimeSpan.FromSeconds(12)));
        Assert.Equal(LeaseDirective.Stop, book.Heartbeat(lost.Key, T0 + TimeSpan.FromSeconds(12)));
        Assert.False(book.Finish(lost.Key, Completed(), T0 + TimeSpan.FromSeconds(12)));

        var trial = book.State.Trials[0];
        Assert.Equal(TrialStatus.Running, trial.Status);
        Assert.Equal(0.7, Assert.Single(trial.Epochs).Get("val_accuracy"));
    }

    [Fact]
    public void DuplicateReportAndFinish_AreRecordedOnce()
    {
        var book = Book(SweepSpecWith(trials: 2));
        var lease = book.Lease("a/0", T0)!;
        book.Report(lease.Key, Epoch(1), T0);
        book.Report(lease.Key, Epoch(1), T0);

        Assert.True(book.Finish(lease.Key, Completed(), T0));
        Assert.False(book.Finish(lease.Key, Completed(), T0));

        Assert.Single(book.State.Trials[0].Epochs);
        Assert.Equal(1, book.State.EpochsTrained);
        Assert.Equal(1, book.State.FinishedCount);
    }

    [Fact]
    public void RetryableFailure_RunsAgainUntilAttemptsRunOut()
    {
        var book = Book(SweepSpecWith(trials: 1));
        var failure = new TrialFinish(TrialOutcome.Failed, null, null, "out of memory", Retryable: true);

        book.Finish(book.Lease("a/0", T0)!.Key, failure, T0);
        Assert.Equal(TrialStatus.Pending, book.State.Trials[0].Status);

        book.Finish(book.Lease("a/0", T0)!.Key, failure, T0);
        var trial = book.State.Trials[0];
        Assert.Equal(TrialStatus.Failed, trial.Status);
        Assert.Equal("out of memory", trial.Message);
        Assert.Equal(SweepStatus.Completed, book.State.Status);
    }

    [Fact]
    public void NonRetryableFailure_FailsAtOnce()
    {
        var book = Book(SweepSpecWith(trials: 1));

        book.Finish(book.Lease("a/0", T0)!.Key, new TrialFinish(TrialOutcome.Failed, null, null, "bad optimizer", Retryable: false), T0);

        Assert.Equal(TrialStatus.Failed, book.State.Trials[0].Status);
        Assert.Equal(1, book.State.Trials[0].Attempt);
    }

    [Fact]
    public void Diverged_IsRecordedWithItsMessage()
    {
        var book = Book(SweepSpecWith(trials: 1));
        var lease = book.Lease("a/0", T0)!;
        book.Report(lease.Key, Epoch(1, accuracy: 0.1, loss: 9), T0);

        book.Finish(lease.Key, new TrialFinish(TrialOutcome.Diverged, null, 2.3, "loss 9 exceeded 3x the initial loss 2.30", true), T0);

        var trial = book.State.Trials[0];
        Assert.Equal(TrialStatus.Diverged, trial.Status);
        Assert.Contains("3x", trial.Message);
        Assert.Equal(2.3, trial.InitialLoss);
    }

    [Fact]
    public void Cancel_DropsQueuedTrialsAndStopsRunningOnes()
    {
        var book = Book(SweepSpecWith(trials: 5, parallelism: 0));
        RunToCompletion(book, "a/0", T0);
        var running = book.Lease("a/0", T0)!;
        book.State.Trials.Add(TrialRecord.CreatePending(book.State.Trials.Count, new()));

        book.Cancel(T0);

        Assert.Equal(SweepStatus.Cancelled, book.State.Status);
        Assert.Equal(TrialStatus.Cancelled, book.State.Trials[2].Status);
        Assert.Null(book.Lease("a/1", T0));
        Assert.Equal(LeaseDirective.Stop, book.Heartbeat(running.Key, T0));
        Assert.Equal(LeaseDirective.Stop, book.Report(running.Key, Epoch(1), T0));
        Assert.False(book.Snapshot().IsFinished);

        book.Finish(running.Key, new TrialFinish(TrialOutcome.Stopped, new() { ["test_accuracy"] = 0.7, ["test_loss"] = 0.6 }, 2.3, null, true), T0);
        Assert.Equal(TrialStatus.Cancelled, book.State.Trials[1].Status);
        Assert.Equal(TrialStatus.Completed, book.State.Trials[0].Status);
        Assert.True(book.Snapshot().IsFinished);
    }

    [Fact]
    public void TimeLimit_StopsNewLeasesAndEndsTheSweep()
    {
        var book = Book(SweepSpecWith(trials: 10, timeLimit: TimeSpan.FromMinutes(1)));
        var running = book.Lease("a/0", T0)!;
        var late = T0 + TimeSpan.FromMinutes(2);

        Assert.Null(book.Lease("a/1", late));
        Assert.Equal(LeaseDirective.Stop, book.Report(running.Key, Epoch(1), late));
        book.Finish(running.Key, new TrialFinish(TrialOutcome.Stopped, null, null, null, true), late);

        Assert.Equal(SweepStatus.Completed, book.State.Status);
        Assert.Equal(SweepEndReason.TimeLimit, book.State.EndReason);
        Assert.Equal(TrialStatus.Cancelled, book.State.Trials[0].Status);
    }

    [Fact]
    public void TrainerStoppingOnItsOwn_RequeuesTheTrial()
    {
        var book = Book(SweepSpecWith(trials: 1));
        var lease = book.Lease("a/0", T0)!;

        book.Finish(lease.Key, new TrialFinish(TrialOutcome.Stopped, null, null, "cancelled", true), T0);

        Assert.Equal(TrialStatus.Pending, book.State.Trials[0].Status);
        Assert.Equal(2, book.State.Trials[0].Attempt);
    }

    [Fact]
    public void RebuiltBook_ContinuesWithTheSameProposals()
    {
        var spec = SweepSpecWith(trials: 6);
        var uninterrupted = Book(spec);
        var interrupted = Book(spec);
        for (var i = 0; i < 3; i++)
        {
            RunToCompletion(uninterrupted, "a/0", T0);
            RunToCompletion(interrupted, "a/0", T0);
        }

        var restarted = new SweepBook(interrupted.State, Policy);
        for (var i = 0; i < 3; i++)
        {
            RunToCompletion(uninterrupted, "a/0", T0);
            RunToCompletion(restarted, "a/0", T0);
        }

        Assert.Equal(
            uninterrupted.State.Trials.Select(t => t.Parameters["lr"].Number),
            restarted.State.Trials.Select(t => t.Parameters["lr"].Number));
        Assert.Equal(SweepStatus.Completed, restarted.State.Status);
    }

    [Fact]
    public void Revision_GrowsOnChangesButNotOnHeartbeats()
    {
        var book = Book(SweepSpecWith(trials: 2));
        var lease = book.Lease("a/0", T0)!;
        var afterLease = book.State.Revision;

        book.Heartbeat(lease.Key, T0);
        Assert.Equal(afterLease, book.State.Revision);

        book.Report(lease.Key, Epoch(1), T0);
        Assert.True(book.State.Revision > afterLease);
    }
}
