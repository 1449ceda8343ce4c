using HyperSearch.Core.Tests.Sweeps;
using HyperSearch.Sweeps;

namespace HyperSearch.Core.Tests.Refinement;

/// <summary>What extending a sweep changes in its state, and when it refuses (changing nothing).</summary>
public sealed class SweepExtensionTests
{
    [Fact]
    public void CompletedSweep_RunsAgain_WithTheAddedTrials_AndItsFinishedTrialsKept()
    {
        var book = SweepBookFixture.Book(SweepBookFixture.SweepSpecWith(trials: 2) with { Budget = new(2, 3, 0, null, Epochs: 6) });
        SweepBookFixture.RunToCompletion(book, "a", SweepBookFixture.T0);
        SweepBookFixture.RunToCompletion(book, "a", SweepBookFixture.T0);
        var state = book.State;
        Assert.Equal(SweepStatus.Completed, state.Status);
        var before = state.Trials.ToList();

        var refusal = SweepExtension.Apply(state, new ExtendRequest(3, Parallelism: 4), SweepBookFixture.T0);
        var extended = new SweepBook(state, SweepBookFixture.Policy);
        var lease = extended.Lease("b", SweepBookFixture.T0);

        Assert.Null(refusal);
        Assert.Equal((SweepStatus.Running, (SweepEndReason?)null), (state.Status, state.EndReason));
        Assert.Equal((5, 4, 15), (state.Spec!.Budget.Trials, state.Spec.Budget.Parallelism, state.Spec.Budget.Epochs!.Value));
        Assert.Equal(2, lease!.Key.TrialNumber);
        Assert.Equal(before, state.Trials.Take(2));
    }

    [Fact]
    public void CancelledSweep_AndASpentTimeLimit_AreRefused_ChangingNothing()
    {
        var cancelled = SweepBookFixture.Book(SweepBookFixture.SweepSpecWith(trials: 2));
        cancelled.Cancel(SweepBookFixture.T0);
        var late = SweepBookFixture.Book(SweepBookFixture.SweepSpecWith(trials: 2, timeLimit: TimeSpan.FromMinutes(1)));
        var later = SweepBookFixture.T0.AddMinutes(2);

        Assert.Equal(ExtendRefusal.Cancelled, SweepExtension.Apply(cancelled.State, new ExtendRequest(1), later));
        Assert.Equal(ExtendRefusal.TimeLimitSpent, SweepExtension.Apply(late.State, new ExtendRequest(1), later));
        Assert.Equal(2, late.State.Spec!.Budget.Trials);
        Assert.Null(SweepExtension.Apply(late.State, new ExtendRequest(1, TimeLimit: TimeSpan.FromMinutes(5)), later));
        Assert.Equal(TimeSpan.FromMinutes(7), late.State.Spec!.Budget.TimeLimit);
    }
}
