using HyperSearch.Sweeps;
using static HyperSearch.Core.Tests.Sweeps.SweepBookFixture;

namespace HyperSearch.Core.Tests.Sweeps;

public sealed class SweepSummaryTests
{
    [Fact]
    public void Summary_CountsBestAndVersionAgreeWithTheSnapshot()
    {
        var book = Book(SweepSpecWith(trials: 4, parallelism: 4));
        RunToCompletion(book, "a/0", T0, accuracy: 0.7);
        RunToCompletion(book, "a/0", T0, accuracy: 0.9);
        var running = book.Lease("a/1", T0)!;
        book.Report(running.Key, Epoch(1, accuracy: 0.95), T0);

        var summary = book.Summary();
        var snapshot = book.Snapshot();

        Assert.Equal(2, summary.Count(TrialStatus.Completed));
        Assert.Equal(1, summary.Count(TrialStatus.Running));
        Assert.Equal(3, summary.TrialCount);
        Assert.Equal(2, summary.Finished);
        Assert.Equal(2, summary.FirstOpen);
        Assert.Equal(1, summary.Queued); // the fourth trial is not created yet
        Assert.Equal(snapshot.Best()!.Number, summary.BestTrial);
        Assert.Equal(0.9, summary.BestValue);
        Assert.Equal(book.State.Revision, summary.Version);
        Assert.False(summary.IsFinished);
    }

    [Fact]
    public void Summary_VersionMovesWithEveryEpochAndStatusChange()
    {
        var book = Book(SweepSpecWith(trials: 2));
        var before = book.Summary().Version;
        var lease = book.Lease("a/0", T0)!;
        var leased = book.Summary().Version;
        book.Report(lease.Key, Epoch(1), T0);
        var reported = book.Summary().Version;
        book.Cancel(T0);

        Assert.True(SummaryWatch.HasNews(book.Summary(), reported));
        Assert.True(leased > before && reported > leased);
        Assert.False(SummaryWatch.HasNews(book.Summary(), book.Summary().Version));
        Assert.True(SummaryWatch.HasNews(book.Summary(), -1));
    }

    [Fact]
    public void Page_ReturnsTrialsByNumberAndClampsAtTheEnd()
    {
        var book = Book(SweepSpecWith(trials: 5, parallelism: 5));
        for (var i = 0; i < 5; i++)
        {
            book.Lease($"a/{i}", T0);
        }

        var middle = book.Page(1, 2);
        var tail = book.Page(4, 10);
        var beyond = book.Page(9, 3);

        Assert.Equal([1, 2], middle.Trials.Select(t => t.Number));
        Assert.Equal(5, middle.Total);
        Assert.Equal([4], tail.Trials.Select(t => t.Number));
        Assert.Empty(beyond.Trials);
    }

    [Fact]
    public async Task Mirror_RefetchesOnlyFromTheFirstTrialItHoldsOpen()
    {
        var book = Book(SweepSpecWith(trials: 6, parallelism: 6));
        RunToCompletion(book, "a/0", T0);
        RunToCompletion(book, "a/0", T0);
        var open = book.Lease("a/1", T0)!;
        var mirror = new TrialMirror();
        var offsets = new List<int>();
        Task<TrialSlice> Fetch(int offset, int count)
        {
            offsets.Add(offset);
            return Task.FromResult(book.Page(offset, count));
        }

        await mirror.SyncAsync(Fetch, book.Summary().TrialCount, pageSize: 2);
        book.Report(open.Key, Epoch(1), T0);
        book.Finish(open.Key, Completed(), T0);
        RunToCompletion(book, "a/0", T0);
        offsets.Clear();
        await mirror.SyncAsync(Fetch, book.Summary().TrialCount, pageSize: 2);

        Assert.Equal([2], offsets); // trials 0 and 1 were final already: not fetched again
        Assert.Equal(4, mirror.Trials.Count);
        Assert.All(mirror.Trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
        Assert.Equal(book.State.Revision, mirror.Version);
    }

    [Fact]
    public async Task Mirror_FetchesTrialsCreatedAfterTheTotalItWasGiven()
    {
        var book = Book(SweepSpecWith(trials: 7, parallelism: 7));
        for (var i = 0; i < 7; i++)
        {
            book.Lease($"a/{i}", T0);
        }

        var mirror = new TrialMirror();
        await mirror.SyncAsync((offset, count) => Task.FromResult(book.Page(offset, count)), total: 2, pageSize: 2);

        Assert.Equal(Enumerable.Range(0, 7), mirror.Trials.Select(t => t.Number));
    }
}
