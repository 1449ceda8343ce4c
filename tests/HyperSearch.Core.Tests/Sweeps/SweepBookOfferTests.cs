using HyperSearch.Sweeps;
using static HyperSearch.Core.Tests.Sweeps.SweepBookFixture;

namespace HyperSearch.Core.Tests.Sweeps;

/// <summary>When a sweep must have the registry offer it again to slots it turned away (<see cref="SweepBook.TakeOfferDue"/>).</summary>
public sealed class SweepBookOfferTests
{
    [Fact]
    public void TurnedAwaySlot_HearsOfATrialWhoseLeaseExpired_Once()
    {
        var book = Book(SweepSpecWith(trials: 1));
        var lease = book.Lease("a/0", T0)!;
        Assert.Null(book.Lease("b/0", T0));
        Assert.False(book.TakeOfferDue(T0));

        // a/0 goes silent: its lease expires and the trial waits for b/0, which nobody would tell.
        book.Tick(T0 + Policy.LeaseDuration + TimeSpan.FromSeconds(1));

        Assert.True(book.TakeOfferDue(T0 + Policy.LeaseDuration + TimeSpan.FromSeconds(1)));
        Assert.False(book.TakeOfferDue(T0 + Policy.LeaseDuration + TimeSpan.FromSeconds(2)));
        Assert.Equal(lease.Key.TrialNumber, book.Lease("b/0", T0 + Policy.LeaseDuration + TimeSpan.FromSeconds(2))!.Key.TrialNumber);
    }

    [Fact]
    public void FinishThatFreesParallelism_IsOffered_ButOnlyIfSomeoneWasTurnedAway()
    {
        var book = Book(SweepSpecWith(trials: 4, maxEpochs: 1, parallelism: 1));
        var first = book.Lease("a/0", T0)!;
        book.Finish(first.Key, Completed(), T0);
        Assert.False(book.TakeOfferDue(T0)); // nobody waits

        var second = book.Lease("a/0", T0)!;
        Assert.Null(book.Lease("b/0", T0)); // parallelism 1: b/0 is turned away
        book.Report(second.Key, Epoch(1), T0);
        Assert.False(book.TakeOfferDue(T0)); // an epoch returns no trial

        book.Finish(second.Key, Completed(), T0);
        Assert.True(book.TakeOfferDue(T0));
    }

    [Fact]
    public void FinishWithNothingLeft_OffersNothing()
    {
        var book = Book(SweepSpecWith(trials: 2, maxEpochs: 1));
        var first = book.Lease("a/0", T0)!;
        var second = book.Lease("b/0", T0)!;
        Assert.Null(book.Lease("c/0", T0));

        book.Finish(first.Key, Completed(), T0);

        Assert.False(book.TakeOfferDue(T0));
        Assert.NotNull(second);
    }
}
