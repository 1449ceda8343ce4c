using HyperSearch.Sweeps;
using static HyperSearch.Core.Tests.Sweeps.SweepBookFixture;

namespace HyperSearch.Core.Tests.Sweeps;

/// <summary>End and re-queue reasons travel typed; their words come from <see cref="ReasonNames"/> only.</summary>
public sealed class SweepReasonTests
{
    [Fact]
    public void ExpiredLease_RecordsLeaseExpiredAsTheRequeueReason()
    {
        var book = Book(SweepSpecWith(trials: 1));
        book.Lease("dead/0", T0);
        Assert.Null(book.State.Trials[0].RequeueReason);

        book.Tick(T0 + TimeSpan.FromSeconds(11));

        var trial = book.State.Trials[0];
        Assert.Equal(TrialStatus.Pending, trial.Status);
        Assert.Equal(RequeueReason.LeaseExpired, trial.RequeueReason);

        // The cause outlives the next attempt's own message: telemetry that looks late still finds it.
        var retry = book.Lease("live/0", T0 + TimeSpan.FromSeconds(12))!;
        book.Finish(retry.Key, new TrialFinish(TrialOutcome.Failed, null, null, "boom", Retryable: false), T0 + TimeSpan.FromSeconds(13));
        Assert.Equal(RequeueReason.LeaseExpired, book.State.Trials[0].RequeueReason);
        Assert.Equal("boom", book.State.Trials[0].Message);
    }

    [Fact]
    public void ResumedSweep_RecordsInterruptedForItsRunningTrials()
    {
        var book = Book(SweepSpecWith(trials: 1));
        book.Lease("a/0", T0);
        book.Pause(T0);

        book.Resume(T0 + TimeSpan.FromSeconds(1));

        Assert.Equal(RequeueReason.Interrupted, book.State.Trials[0].RequeueReason);
    }

    [Theory]
    [InlineData(TrialOutcome.Failed, RequeueReason.Failed)]
    [InlineData(TrialOutcome.Stopped, RequeueReason.Stopped)]
    public void TrainerAskingForAnotherAttempt_RecordsWhy(TrialOutcome outcome, RequeueReason expected)
    {
        var book = Book(SweepSpecWith(trials: 1));

        book.Finish(book.Lease("a/0", T0)!.Key, new TrialFinish(outcome, null, null, null, Retryable: true), T0);

        Assert.Equal(TrialStatus.Pending, book.State.Trials[0].Status);
        Assert.Equal(expected, book.State.Trials[0].RequeueReason);
    }

    [Fact]
    public void CancelledSweep_HasTheCancelledEndReason_WrittenAsCancelledInTheSummary()
    {
        var book = Book(SweepSpecWith(trials: 2));
        RunToCompletion(book, "a/0", T0);
        Assert.Null(RunSummary.Build(book.Snapshot(), T0)["endReason"]);

        book.Cancel(T0);

        var snapshot = book.Snapshot();
        Assert.Equal(SweepEndReason.Cancelled, snapshot.EndReason);
        Assert.Equal("cancelled", (string?)RunSummary.Build(snapshot, T0)["endReason"]);
    }

    [Fact]
    public void EveryReason_HasAWord()
    {
        Assert.All(Enum.GetValues<SweepEndReason>(), reason => Assert.False(string.IsNullOrEmpty(ReasonNames.Of(reason))));
        Assert.All(Enum.GetValues<RequeueReason>(), reason => Assert.False(string.IsNullOrEmpty(ReasonNames.Of(reason))));
        Assert.Equal(
            ["trial budget reached", "epoch budget reached", "search space exhausted", "time limit reached", "cancelled"],
            Enum.GetValues<SweepEndReason>().Select(reason => ReasonNames.Of(reason)));
    }
}
